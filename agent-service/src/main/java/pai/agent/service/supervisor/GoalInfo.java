package pai.agent.service.supervisor;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

import pai.agent.domain.Cadence;
import pai.agent.domain.Goal;
import pai.agent.domain.GoalKind;

/** A goal as the API shows it; {@code remindAt} is {@code HH:mm} local to {@code timezone}, or null. */
public record GoalInfo(String id, String paiId, GoalKind kind, String title, String tag, Cadence cadence,
        String remindAt, String timezone, List<DayOfWeek> restDays, String createdBy, Instant createdAt) {

    static GoalInfo of(Goal goal) {
        return new GoalInfo(goal.id, goal.paiId, goal.kind, goal.title, goal.tag, goal.cadence,
                goal.remindAt == null ? null : goal.remindAt.format(SupervisorService.TIME_OF_DAY), goal.timezone,
                List.copyOf(goal.restDaySet()), goal.createdBy, goal.createdAt);
    }
}
