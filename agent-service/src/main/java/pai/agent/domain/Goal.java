package pai.agent.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A goal the supervisor keeps for a pai: what to check in, how often, and when to remind. */
@Entity
@Table(name = "goal")
public class Goal extends PanacheEntityBase {
    @Id
    public String id;
    public String paiId;
    @Enumerated(EnumType.STRING)
    public GoalKind kind;
    public String title;
    public String tag;
    @Enumerated(EnumType.STRING)
    public Cadence cadence;
    public LocalTime remindAt;
    public String timezone;
    public String restDays;
    public String createdBy;
    public Instant createdAt;

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    public Set<DayOfWeek> restDaySet() {
        if (restDays == null || restDays.isEmpty()) {
            return EnumSet.noneOf(DayOfWeek.class);
        }
        return Arrays.stream(restDays.split(",")).map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    public void restDays(Set<DayOfWeek> days) {
        restDays = days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
    }

    /** The goals of a pai, newest first. */
    public static List<Goal> ofPai(String paiId) {
        return list("paiId", newestFirst(), paiId);
    }

    public static Sort newestFirst() {
        return Sort.descending("createdAt", "id");
    }

    public static List<Goal> withReminders() {
        return list("remindAt is not null");
    }
}
