package pai.events.agent;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The data of a planner's message: when and where the pai meets and who brings what. {@code planId}
 * stays the same while the talk changes the plan; {@code version} counts the changes.
 */
public record PlanCard(String planId, int version, LocalDate date, LocalTime time, String place,
        List<PlanItem> items, long fromSeq, long toSeq) {
    public PlanCard {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
