package pai.agent.service.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import pai.agent.domain.Cadence;
import pai.agent.service.supervisor.SupervisorService.ReminderCandidate;

class RemindersTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aDailyReminderIsDueFromItsLocalTimeOn() {
        ReminderCandidate goal = goal(Cadence.DAILY, SHANGHAI, EnumSet.noneOf(DayOfWeek.class), "21:00", LONG_AGO);
        assertThat(Reminders.duePeriod(goal, local("2026-03-11T20:59", SHANGHAI))).isEmpty();
        assertThat(Reminders.duePeriod(goal, local("2026-03-11T21:00", SHANGHAI))).contains(LocalDate.of(2026, 3, 11));
        // 16:00Z is already past midnight in Shanghai: the next day, before its reminder time.
        assertThat(Reminders.duePeriod(goal, Instant.parse("2026-03-11T16:00:00Z"))).isEmpty();
    }

    @Test
    void aRestDayHasNoReminder() {
        ReminderCandidate goal = goal(Cadence.DAILY, SHANGHAI, EnumSet.of(DayOfWeek.SATURDAY), "09:00", LONG_AGO);
        assertThat(Reminders.duePeriod(goal, local("2026-03-14T10:00", SHANGHAI))).isEmpty();
        assertThat(Reminders.duePeriod(goal, local("2026-03-15T10:00", SHANGHAI))).contains(LocalDate.of(2026, 3, 15));
    }

    @Test
    void aWeeklyReminderIsDueOnTheWeeksLastDay() {
        ReminderCandidate goal = goal(Cadence.WEEKLY, SHANGHAI, EnumSet.noneOf(DayOfWeek.class), "18:00", LONG_AGO);
        assertThat(Reminders.duePeriod(goal, local("2026-03-14T23:00", SHANGHAI))).isEmpty();
        assertThat(Reminders.duePeriod(goal, local("2026-03-15T18:30", SHANGHAI))).contains(LocalDate.of(2026, 3, 9));
    }

    @Test
    void aGoalSetAfterTodaysReminderTimeIsFirstRemindedTomorrow() {
        Instant created = local("2026-03-11T22:00", SHANGHAI);
        ReminderCandidate goal = goal(Cadence.DAILY, SHANGHAI, EnumSet.noneOf(DayOfWeek.class), "21:00", created);
        assertThat(Reminders.duePeriod(goal, local("2026-03-11T22:30", SHANGHAI))).isEmpty();
        assertThat(Reminders.duePeriod(goal, local("2026-03-12T21:00", SHANGHAI))).contains(LocalDate.of(2026, 3, 12));
    }

    @Test
    void aReminderTimeThatSpringForwardSkipsComesAnHourLater() {
        // 02:30 does not exist in New York on 2026-03-08; 03:30 EDT is 07:30Z.
        ReminderCandidate goal = goal(Cadence.DAILY, NEW_YORK, EnumSet.noneOf(DayOfWeek.class), "02:30", LONG_AGO);
        assertThat(Reminders.duePeriod(goal, Instant.parse("2026-03-08T07:29:00Z"))).isEmpty();
        assertThat(Reminders.duePeriod(goal, Instant.parse("2026-03-08T07:30:00Z"))).contains(LocalDate.of(2026, 3, 8));
    }

    private static ReminderCandidate goal(Cadence cadence, ZoneId zone, Set<DayOfWeek> restDays, String remindAt,
            Instant createdAt) {
        return new ReminderCandidate("goal", cadence, zone, restDays, LocalTime.parse(remindAt), createdAt);
    }

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }
}
