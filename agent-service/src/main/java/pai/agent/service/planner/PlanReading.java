package pai.agent.service.planner;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import pai.agent.domain.Utterance;
import pai.agent.service.planner.PlaceParser.Place;
import pai.agent.service.planner.WhenParser.When;
import pai.agent.service.text.ChatText;
import pai.events.agent.PlanItem;

/**
 * What one message says towards a plan, and how much it is plan talk. The score combines its cues as
 * independent evidence (1 − Π(1 − w)): a time with a place or a meet-up verb is plan talk; a time, a
 * date or a thing to bring alone is only a hint; talk about the past is not planning at all.
 */
record PlanReading(When when, Optional<Place> place, List<PlanItem> items, boolean meets, boolean changes,
        boolean suggests) {

    private static final double CLOCK = 0.35;
    private static final double DATE = 0.25;
    private static final double FIRM_PLACE = 0.45;
    private static final double LOOSE_PLACE = 0.15;
    private static final double MEET = 0.45;
    private static final double CHANGE = 0.4;
    private static final double SUGGEST = 0.2;
    private static final double BRING = 0.35;
    private static final double PAST = 0.2;

    /** @param current the plan's time so far (null if none), which a bare "九点" keeps the half of day of */
    static PlanReading of(Utterance message, ZoneId zone, LocalTime current) {
        String text = ChatText.withoutMentions(message.text(), message.mentions());
        int changeAt = PlanCues.changeAt(text);
        When when = WhenParser.read(text, message.at().atZone(zone).toLocalDate(), current, changeAt);
        Optional<Place> place = PlaceParser.read(blank(text, when.spans(), "，"), when.saysWhen());
        List<PlanItem> items = ItemParser.read(blank(text, when.spans(), ""), message.senderId());
        boolean meets = PlanCues.meets(text, ChatText.segment(text));
        return new PlanReading(when, place, items, meets, changeAt >= 0, PlanCues.SUGGEST.matcher(text).find());
    }

    double score() {
        double none = 1;
        none *= 1 - (when.time() != null ? CLOCK : 0);
        none *= 1 - (when.date() != null ? DATE : 0);
        none *= 1 - place.map(found -> found.strength() == PlaceParser.Strength.FIRM ? FIRM_PLACE : LOOSE_PLACE)
                .orElse(0.0);
        none *= 1 - (meets ? MEET : 0);
        none *= 1 - (changes ? CHANGE : 0);
        none *= 1 - (suggests ? SUGGEST : 0);
        none *= 1 - (items.isEmpty() ? 0 : BRING);
        return (1 - none) * (when.past() ? PAST : 1);
    }

    /** The text with each span replaced, so that what is left around a date or time reads apart from it. */
    private static String blank(String text, List<int[]> spans, String with) {
        List<int[]> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingInt((int[] span) -> span[0]));
        StringBuilder result = new StringBuilder();
        int at = 0;
        for (int[] span : ordered) {
            if (span[1] <= at) {
                continue;
            }
            result.append(text, at, Math.max(at, span[0])).append(with);
            at = span[1];
        }
        return result.append(text.substring(at)).toString();
    }
}
