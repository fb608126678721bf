package pai.agent.service.planner;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import pai.events.agent.PlanItem;

/**
 * A plan as the talk so far describes it: when, where, and who brings what. Any of date, time and
 * place may be null while nobody has said it; {@code fromSeq..toSeq} are the messages it was read from.
 */
public record PlanDraft(LocalDate date, LocalTime time, String place, List<PlanItem> items, long fromSeq,
        long toSeq) {
    public PlanDraft {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
