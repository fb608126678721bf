package pai.agent.service.supervisor;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import pai.agent.domain.Cadence;
import pai.agent.service.supervisor.SupervisorService.ReminderCandidate;
import pai.platform.scheduling.UntilStarted;

/**
 * Reminds each goal's pai, once per period, who has not checked in yet: a DAILY goal at
 * {@code remindAt} on each day that is not a rest day, a WEEKLY goal at {@code remindAt} on the
 * week's last day (Sunday), its last chance. Every instance runs the job; the reminder row's key
 * lets one of them send it. A period whose reminder time passed before the goal existed, or while
 * no instance ran, is not reminded late: only the current period is. A tick reads every goal that
 * has a reminder time and the last week's reminder rows, which suits thousands of goals.
 */
@Singleton
public class Reminders {
    private static final Logger LOG = Logger.getLogger(Reminders.class);

    private final SupervisorService supervisor;

    public Reminders(SupervisorService supervisor) {
        this.supervisor = supervisor;
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = UntilStarted.class)
    void tick() {
        remindDue(Instant.now());
    }

    /** Sends the reminders due at {@code now}; the clock is a parameter so tests need not wait. Returns how many were posted. */
    @ActivateRequestContext
    int remindDue(Instant now) {
        // No goal's current period starts before this (a week ago, and UTC is at most 14 hours from any zone).
        Set<String> sent = supervisor.remindedSince(now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(8));
        int posted = 0;
        for (ReminderCandidate goal : supervisor.reminderCandidates()) {
            Optional<LocalDate> due = duePeriod(goal, now);
            if (due.isEmpty() || sent.contains(SupervisorService.reminderKey(goal.goalId(), due.get()))) {
                continue;
            }
            try {
                posted += supervisor.remind(goal.goalId(), due.get(), now) ? 1 : 0;
            } catch (RuntimeException e) {
                // One goal's failure must not hold back the others; its reminder is tried again next tick.
                LOG.warnf(e, "reminder of goal %s for %s failed", goal.goalId(), due.get());
            }
        }
        return posted;
    }

    /** The period whose reminder is due at {@code now}, if its reminder time has passed and the goal existed then. */
    static Optional<LocalDate> duePeriod(ReminderCandidate goal, Instant now) {
        LocalDate period = Streaks.periodOf(now, goal.zone(), goal.cadence());
        LocalDate day = goal.cadence() == Cadence.WEEKLY ? period.with(DayOfWeek.SUNDAY) : period;
        if (Streaks.isRestDay(goal.cadence(), goal.restDays(), day)) {
            return Optional.empty();
        }
        // A time that a spring-forward gap skips moves later by the gap's length (02:30 becomes 03:30).
        Instant remindAt = ZonedDateTime.of(day, goal.remindAt(), goal.zone()).toInstant();
        if (now.isBefore(remindAt) || goal.createdAt().isAfter(remindAt)) {
            return Optional.empty();
        }
        return Optional.of(period);
    }
}
