package pai.agent.service.supervisor;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import pai.agent.domain.Cadence;

/**
 * Streaks as a pure function of a member's check-ins. Time is counted in calendar periods of the
 * goal's zone, never in 24-hour spans: 23:30 and the next day's 07:00 are two days, and the 23- or
 * 25-hour day of a daylight-saving change is one day like any other.
 *
 * <p>Freezes are derived, not stored. A member earns one per {@value #FREEZE_EVERY} consecutive
 * checked-in periods, banks at most {@value #MAX_FREEZES}, and spends one on each closed period
 * without a check-in; with none banked, that period breaks the streak. Replaying the check-ins
 * from the first one through the current period with this rule gives the same bank and streak
 * every time, on every instance, so no stored counter can drift from the check-ins, and nothing
 * needs a job to "notice" a gap: a freeze is spent when the replay passes a missed period that
 * is over. The current period is still open, so it spends nothing and breaks nothing.
 */
public final class Streaks {
    public static final int FREEZE_EVERY = 7;
    public static final int MAX_FREEZES = 2;

    private Streaks() {
    }

    /** Where a member stands on a goal: the current streak, all check-ins, and the freezes banked. */
    public record Standing(int streak, int total, int freezes) {
        public static final Standing NONE = new Standing(0, 0, 0);
    }

    /** The period an instant falls in, in the goal's zone: its local date, or the Monday of its ISO week. */
    public static LocalDate periodOf(Instant at, ZoneId zone, Cadence cadence) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return cadence == Cadence.WEEKLY ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
    }

    public static LocalDate next(LocalDate period, Cadence cadence) {
        return cadence == Cadence.WEEKLY ? period.plusWeeks(1) : period.plusDays(1);
    }

    /**
     * The standing as of {@code current} (the period that is open now). The streak counts the
     * checked-in periods of the run that ends in the current or the last closed period; a DAILY
     * goal's rest days and the periods a freeze covered keep the run going without adding to it,
     * and a check-in on a rest day counts like any other.
     */
    public static Standing standing(Cadence cadence, Set<DayOfWeek> restDays, Collection<LocalDate> checkedIn,
            LocalDate current) {
        TreeSet<LocalDate> periods = new TreeSet<>(checkedIn);
        if (periods.isEmpty()) {
            return Standing.NONE;
        }
        LocalDate last = periods.last().isAfter(current) ? periods.last() : current;
        int streak = 0;
        int freezes = 0;
        int towardFreeze = 0;
        for (LocalDate period = periods.first(); !period.isAfter(last); period = next(period, cadence)) {
            if (periods.contains(period)) {
                streak++;
                towardFreeze++;
                if (towardFreeze == FREEZE_EVERY) {
                    freezes = Math.min(MAX_FREEZES, freezes + 1);
                    towardFreeze = 0;
                }
            } else if (!period.equals(current) && !isRestDay(cadence, restDays, period)) {
                // A missed period: a freeze keeps the run, and earning the next takes seven fresh check-ins.
                towardFreeze = 0;
                if (freezes > 0) {
                    freezes--;
                } else {
                    streak = 0;
                }
            }
        }
        return new Standing(streak, periods.size(), freezes);
    }

    static boolean isRestDay(Cadence cadence, Set<DayOfWeek> restDays, LocalDate period) {
        return cadence == Cadence.DAILY && restDays.contains(period.getDayOfWeek());
    }
}
