package pai.agent.service.supervisor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import pai.agent.domain.Goal;
import pai.agent.domain.Utterance;
import pai.events.chat.MessageKind;

/**
 * Which chat messages are check-ins, and on which goal: a person's message that says 打卡 or
 * "check in" (#打卡 included), or a photo captioned with a goal's tag. Pure, so the rules are
 * tested without a database.
 */
final class ChatCheckins {
    private static final Pattern CHECK_IN = Pattern.compile("打卡|\\bcheck(?:ed)?[ -]?in\\b");
    /** "还没打卡", "忘了打卡", "haven't checked in": talk about not checking in is not a check-in. */
    private static final Pattern NOT_CHECKED_IN = Pattern.compile(
            "(?:没|未|不|别|忘了|忘记)\\s*打卡|\\b(?:not|never|didn['’]t|haven['’]t|hasn['’]t)\\s+(?:yet\\s+)?check(?:ed)?[ -]?in\\b");

    private ChatCheckins() {
    }

    /** Whether a message can be a check-in at all, before the pai's goals are read: most messages cannot. */
    static boolean mayCheckIn(Utterance message) {
        return message.byHuman() && (message.kind() == MessageKind.IMAGE || saysCheckIn(message.text().toLowerCase(Locale.ROOT)));
    }

    /** Whether a message asks to check in without the pai's goals: it says so, or it is a photo with a tag. */
    static boolean asksToCheckIn(Utterance message) {
        return message.byHuman() && (saysCheckIn(message.text().toLowerCase(Locale.ROOT))
                || message.kind() == MessageKind.IMAGE && message.text().indexOf('#') >= 0);
    }

    /** The goal a message checks in to, from the pai's goals newest first; empty if it is no check-in. */
    static Optional<Goal> goalFor(Utterance message, List<Goal> goalsNewestFirst) {
        if (!message.byHuman() || goalsNewestFirst.isEmpty()) {
            return Optional.empty();
        }
        String text = message.text().toLowerCase(Locale.ROOT);
        boolean saysCheckIn = saysCheckIn(text);
        boolean taggedPhoto = message.kind() == MessageKind.IMAGE
                && goalsNewestFirst.stream().anyMatch(goal -> text.contains(lower(goal.tag)));
        if (!saysCheckIn && !taggedPhoto) {
            return Optional.empty();
        }
        return goalsNewestFirst.stream()
                .filter(goal -> text.contains(lower(goal.tag)) || text.contains(lower(goal.title)))
                .findFirst()
                .or(() -> Optional.of(goalsNewestFirst.get(0)));
    }

    private static boolean saysCheckIn(String lowerCaseText) {
        return CHECK_IN.matcher(lowerCaseText).find() && !NOT_CHECKED_IN.matcher(lowerCaseText).find();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
