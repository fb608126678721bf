package pai.chat.service.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a message's text may be, and what is read out of it. */
final class MessageTexts {
    static final int MAX_TEXT = 4000;
    private static final Pattern MENTION = Pattern.compile("@([\\p{L}\\p{N}_.-]{1,64})");

    private MessageTexts() {
    }

    /** The ids after each {@code @}, each once, in the order they first appear. */
    static List<String> mentionsIn(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> mentions = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            mentions.add(matcher.group(1));
        }
        return List.copyOf(mentions);
    }

    /** Service texts are not validated like a user's: an overlong one is cut rather than lost. */
    static String clip(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT));
    }
}
