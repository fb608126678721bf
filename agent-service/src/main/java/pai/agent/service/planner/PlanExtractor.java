package pai.agent.service.planner;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.agent.domain.Utterance;
import pai.agent.service.planner.PlaceParser.Place;
import pai.agent.service.planner.PlaceParser.Strength;
import pai.agent.service.text.ChatText;
import pai.events.agent.PlanItem;
import pai.events.chat.MessageKind;

/**
 * The offline planner: reads recent talk and keeps the plan it describes. A message that is plan talk
 * (score at least {@link #APPLIES}) sets the date, time or place it names, so a later "改到九点吧" or
 * "actually let's make it 8pm" changes the same plan; a passing "我三点下班" or "明天要加班" does not.
 * Items ("我带水") count from any message. Pure and thread-safe.
 */
@ApplicationScoped
public class PlanExtractor {
    /** A message scoring this much changes the plan's date, time and place. */
    static final double APPLIES = 0.5;

    public PlanExtractor() {
        ChatText.warmUp();
    }

    /** How much one message is planning talk, in [0, 1]; zero for agents, the system and non-text messages. */
    public double planningScore(Utterance message) {
        if (!message.byHuman() || message.kind() != MessageKind.TEXT) {
            return 0;
        }
        // Whether a date is said matters here, not which day it falls on, so any zone will do.
        return PlanReading.of(message, ZoneOffset.UTC, null).score();
    }

    /**
     * The plan that {@code previous} (may be null) becomes after the recent talk, dates resolved against
     * each message's time in {@code zone}; empty when neither holds a date, a time or a place.
     */
    public Optional<PlanDraft> extract(List<Utterance> recent, PlanDraft previous, ZoneId zone) {
        LocalDate date = previous == null ? null : previous.date();
        LocalTime time = previous == null ? null : previous.time();
        String place = previous == null ? null : previous.place();
        List<PlanItem> items = new ArrayList<>(previous == null ? List.of() : previous.items());
        long fromSeq = previous == null ? Long.MAX_VALUE : previous.fromSeq();
        long toSeq = previous == null ? Long.MIN_VALUE : previous.toSeq();

        List<Utterance> inOrder = recent.stream().sorted(Comparator.comparingLong(Utterance::seq)).toList();
        for (Utterance message : inOrder) {
            if (!message.byHuman() || message.kind() != MessageKind.TEXT) {
                continue;
            }
            PlanReading reading = PlanReading.of(message, zone, time);
            boolean used = false;
            if (reading.score() >= APPLIES) {
                if (reading.when().date() != null) {
                    date = reading.when().date();
                    used = true;
                }
                if (reading.when().time() != null) {
                    time = reading.when().time();
                    used = true;
                }
                Optional<Place> named = reading.place();
                if (named.isPresent() && (named.get().strength() == Strength.FIRM || place == null)) {
                    place = named.get().name();
                    used = true;
                }
            }
            for (PlanItem item : reading.items()) {
                bring(items, item);
                used = true;
            }
            if (used) {
                fromSeq = Math.min(fromSeq, message.seq());
                toSeq = Math.max(toSeq, message.seq());
            }
        }
        if (date == null && time == null && place == null) {
            return Optional.empty();
        }
        return Optional.of(new PlanDraft(date, time, place, items, fromSeq, toSeq));
    }

    /**
     * Adds the item, or gives a known one its bringer: "the stove" is the "camping stove" asked about,
     * and keeps the fuller name. "谁带帐篷？" after "我带帐篷" leaves the tent with whoever said so.
     */
    private static void bring(List<PlanItem> items, PlanItem item) {
        String what = item.what().toLowerCase(Locale.ROOT);
        for (int index = 0; index < items.size(); index++) {
            PlanItem known = items.get(index);
            String knownWhat = known.what().toLowerCase(Locale.ROOT);
            if (knownWhat.endsWith(what) || what.endsWith(knownWhat)) {
                String name = known.what().length() >= item.what().length() ? known.what() : item.what();
                items.set(index, new PlanItem(name, item.who() != null ? item.who() : known.who()));
                return;
            }
        }
        items.add(item);
    }
}
