package pai.agent.service.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import pai.agent.domain.Cadence;
import pai.agent.service.supervisor.Streaks.Standing;

class StreaksTest {
    private static final Set<DayOfWeek> NO_REST = EnumSet.noneOf(DayOfWeek.class);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Wednesday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);

    @Test
    void consecutiveDaysEndingTodayAreTheStreak() {
        Standing standing = daily(days(TODAY.minusDays(4), 5), TODAY);
        assertThat(standing).isEqualTo(new Standing(5, 5, 0));
    }

    @Test
    void aStreakEndingYesterdayHoldsWhileTodayIsOpen() {
        assertThat(daily(days(TODAY.minusDays(3), 3), TODAY).streak()).isEqualTo(3);
    }

    @Test
    void aMissedDayWithoutAFreezeBreaksTheStreakButNotTheTotal() {
        List<LocalDate> checkedIn = new ArrayList<>(days(TODAY.minusDays(6), 3));
        checkedIn.addAll(days(TODAY.minusDays(2), 3));
        Standing standing = daily(checkedIn, TODAY);
        assertThat(standing.streak()).isEqualTo(3);
        assertThat(standing.total()).isEqualTo(6);
    }

    @Test
    void aStreakEndsWhenYesterdayWasMissedWithNothingBanked() {
        assertThat(daily(days(TODAY.minusDays(5), 4), TODAY).streak()).isZero();
    }

    @Test
    void noCheckInsIsNoStanding() {
        assertThat(daily(List.of(), TODAY)).isEqualTo(Standing.NONE);
    }

    @Test
    void weeksCountByIsoWeekFromMondayToSunday() {
        // Sunday 2026-03-08 and Monday 2026-03-09 are two weeks; that Monday and Sunday 2026-03-15 one.
        LocalDate sunday = Streaks.periodOf(local("2026-03-08T22:00", SHANGHAI), SHANGHAI, Cadence.WEEKLY);
        LocalDate monday = Streaks.periodOf(local("2026-03-09T06:00", SHANGHAI), SHANGHAI, Cadence.WEEKLY);
        LocalDate nextSunday = Streaks.periodOf(local("2026-03-15T23:59", SHANGHAI), SHANGHAI, Cadence.WEEKLY);
        assertThat(sunday).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(monday).isEqualTo(LocalDate.of(2026, 3, 9)).isEqualTo(nextSunday);
        Standing standing = Streaks.standing(Cadence.WEEKLY, NO_REST, List.of(sunday, monday), monday);
        assertThat(standing).isEqualTo(new Standing(2, 2, 0));
    }

    @Test
    void anIsoWeekSpansTheTurnOfTheYear() {
        LocalDate thursday = Streaks.periodOf(local("2026-12-31T12:00", SHANGHAI), SHANGHAI, Cadence.WEEKLY);
        LocalDate sunday = Streaks.periodOf(local("2027-01-03T12:00", SHANGHAI), SHANGHAI, Cadence.WEEKLY);
        assertThat(thursday).isEqualTo(LocalDate.of(2026, 12, 28)).isEqualTo(sunday);
    }

    @Test
    void aMissedWeekBreaksAWeeklyStreakAndAnOpenWeekDoesNot() {
        LocalDate thisWeek = LocalDate.of(2026, 3, 9);
        List<LocalDate> twoWeeksAgo = List.of(thisWeek.minusWeeks(3), thisWeek.minusWeeks(2));
        assertThat(Streaks.standing(Cadence.WEEKLY, NO_REST, twoWeeksAgo, thisWeek).streak()).isZero();
        List<LocalDate> untilLastWeek = List.of(thisWeek.minusWeeks(2), thisWeek.minusWeeks(1));
        assertThat(Streaks.standing(Cadence.WEEKLY, NO_REST, untilLastWeek, thisWeek).streak()).isEqualTo(2);
    }

    @Test
    void restDaysDoNotBreakADailyStreakNorAddToIt() {
        // Monday 2026-03-02 to Friday 03-06, the weekend off, then Monday 03-09.
        List<LocalDate> weekdays = new ArrayList<>(days(LocalDate.of(2026, 3, 2), 5));
        weekdays.add(LocalDate.of(2026, 3, 9));
        Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        LocalDate monday = LocalDate.of(2026, 3, 9);
        assertThat(Streaks.standing(Cadence.DAILY, weekend, weekdays, monday).streak()).isEqualTo(6);
        assertThat(Streaks.standing(Cadence.DAILY, NO_REST, weekdays, monday).streak()).isEqualTo(1);
    }

    @Test
    void aCheckInOnARestDayCounts() {
        Set<DayOfWeek> saturday = EnumSet.of(DayOfWeek.SATURDAY);
        List<LocalDate> fridayToSunday = days(LocalDate.of(2026, 3, 6), 3);
        assertThat(Streaks.standing(Cadence.DAILY, saturday, fridayToSunday, LocalDate.of(2026, 3, 8)).streak())
                .isEqualTo(3);
    }

    @Test
    void restDaysNeitherSpendAFreezeNorResetTheCountTowardTheNext() {
        // Two working weeks, Monday 2026-03-02 to Friday 03-13, the weekends off: the seventh check-in
        // (Tuesday 03-10) earns a freeze across the first weekend, and the second weekend spends none of it.
        Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        List<LocalDate> checkedIn = new ArrayList<>(days(LocalDate.of(2026, 3, 2), 5));
        checkedIn.addAll(days(LocalDate.of(2026, 3, 9), 5));
        assertThat(Streaks.standing(Cadence.DAILY, weekend, checkedIn, LocalDate.of(2026, 3, 16)))
                .isEqualTo(new Standing(10, 10, 1));
    }

    @Test
    void restDaysDoNotApplyToAWeeklyGoal() {
        LocalDate thisWeek = LocalDate.of(2026, 3, 9);
        Set<DayOfWeek> everyDay = EnumSet.allOf(DayOfWeek.class);
        List<LocalDate> aWeekMissed = List.of(thisWeek.minusWeeks(3), thisWeek.minusWeeks(1));
        assertThat(Streaks.standing(Cadence.WEEKLY, everyDay, aWeekMissed, thisWeek).streak()).isEqualTo(1);
    }

    @Test
    void sevenCheckedInDaysEarnAFreezeThatCoversAMissedDay() {
        LocalDate start = TODAY.minusDays(9);
        List<LocalDate> checkedIn = new ArrayList<>(days(start, 7));
        assertThat(daily(checkedIn, start.plusDays(7)).freezes()).isEqualTo(1);
        assertThat(daily(days(start, 6), start.plusDays(6)).freezes()).isZero();

        checkedIn.add(start.plusDays(8)); // start+7 missed
        Standing standing = daily(checkedIn, start.plusDays(8));
        assertThat(standing).isEqualTo(new Standing(8, 8, 0));
    }

    @Test
    void twoBankedFreezesCoverTwoMissedDaysAndTheThirdBreaks() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        List<LocalDate> fourteen = days(start, 14);
        assertThat(daily(fourteen, start.plusDays(14)).freezes()).isEqualTo(2);

        List<LocalDate> afterTwoMissed = new ArrayList<>(fourteen);
        afterTwoMissed.add(start.plusDays(16));
        assertThat(daily(afterTwoMissed, start.plusDays(16))).isEqualTo(new Standing(15, 15, 0));

        List<LocalDate> afterThreeMissed = new ArrayList<>(fourteen);
        afterThreeMissed.add(start.plusDays(17));
        assertThat(daily(afterThreeMissed, start.plusDays(17))).isEqualTo(new Standing(1, 15, 0));
    }

    @Test
    void freezesAreCappedAtTwo() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        List<LocalDate> threeWeeks = days(start, 21);
        assertThat(daily(threeWeeks, start.plusDays(21)).freezes()).isEqualTo(2);

        // Three missed days: a third freeze would have covered the third, but only two were banked.
        List<LocalDate> afterThreeMissed = new ArrayList<>(threeWeeks);
        afterThreeMissed.add(start.plusDays(24));
        assertThat(daily(afterThreeMissed, start.plusDays(24)).streak()).isEqualTo(1);
    }

    @Test
    void aClosedMissedDaySpendsAFreezeAndTheOpenDayDoesNot() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        List<LocalDate> seven = days(start, 7);
        // Day 7 is today and still open; on day 8, day 7 is over and missed.
        assertThat(daily(seven, start.plusDays(7))).isEqualTo(new Standing(7, 7, 1));
        assertThat(daily(seven, start.plusDays(8))).isEqualTo(new Standing(7, 7, 0));
        assertThat(daily(seven, start.plusDays(9)).streak()).isZero();
    }

    @Test
    void aFreezeResetsTheCountTowardTheNextOne() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        List<LocalDate> checkedIn = new ArrayList<>(days(start, 7));
        checkedIn.addAll(days(start.plusDays(8), 6)); // day 7 frozen, then six: 13 check-ins in a row of 14 days
        assertThat(daily(checkedIn, start.plusDays(14)).freezes()).isZero();
        checkedIn.add(start.plusDays(14));
        assertThat(daily(checkedIn, start.plusDays(14)).freezes()).isEqualTo(1);
    }

    @Test
    void sevenCheckedInWeeksEarnAFreezeThatCoversAMissedWeek() {
        LocalDate start = LocalDate.of(2026, 1, 5);
        List<LocalDate> sevenWeeks = weeks(start, 7);
        assertThat(weekly(sevenWeeks, start.plusWeeks(7))).isEqualTo(new Standing(7, 7, 1));
        assertThat(weekly(weeks(start, 6), start.plusWeeks(6)).freezes()).isZero();

        List<LocalDate> afterAMissedWeek = new ArrayList<>(sevenWeeks);
        afterAMissedWeek.add(start.plusWeeks(8));
        assertThat(weekly(afterAMissedWeek, start.plusWeeks(8))).isEqualTo(new Standing(8, 8, 0));
        afterAMissedWeek.add(start.plusWeeks(10));
        assertThat(weekly(afterAMissedWeek, start.plusWeeks(10))).isEqualTo(new Standing(1, 9, 0));
    }

    @Test
    void aCheckInInAPeriodAfterTheCurrentOneCountsAndTheOpenPeriodBreaksNothing() {
        // A check-in stamped by a clock ahead of this instance's falls in what is still tomorrow here.
        assertThat(daily(List.of(TODAY.minusDays(1), TODAY.plusDays(1)), TODAY)).isEqualTo(new Standing(2, 2, 0));
    }

    @Test
    void halfPastElevenAndSevenTheNextMorningAreTwoDays() {
        Instant late = local("2026-03-10T23:30", SHANGHAI);
        Instant early = local("2026-03-11T07:00", SHANGHAI);
        assertThat(Duration.between(late, early)).isLessThan(Duration.ofHours(24));
        List<LocalDate> periods = periods(SHANGHAI, late, early);
        assertThat(periods).doesNotHaveDuplicates();
        assertThat(daily(periods, TODAY).streak()).isEqualTo(2);
    }

    @Test
    void theDayIsTheGoalsLocalDayNotTheUtcDay() {
        // 2026-03-10T17:00Z is already the 11th in Shanghai and still the 10th in New York.
        Instant instant = Instant.parse("2026-03-10T17:00:00Z");
        assertThat(Streaks.periodOf(instant, SHANGHAI, Cadence.DAILY)).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(Streaks.periodOf(instant, NEW_YORK, Cadence.DAILY)).isEqualTo(LocalDate.of(2026, 3, 10));
        // A Sunday evening in Los Angeles is Monday in UTC: still the old week there.
        Instant sundayInLa = local("2026-03-08T20:00", ZoneId.of("America/Los_Angeles"));
        assertThat(Streaks.periodOf(sundayInLa, ZoneId.of("UTC"), Cadence.WEEKLY)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(Streaks.periodOf(sundayInLa, ZoneId.of("America/Los_Angeles"), Cadence.WEEKLY))
                .isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void midnightInTheGoalsZoneStartsTheNextDayAndMondaysMidnightTheNextWeek() {
        assertThat(Streaks.periodOf(local("2026-03-10T23:59:59.999", SHANGHAI), SHANGHAI, Cadence.DAILY))
                .isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(Streaks.periodOf(local("2026-03-11T00:00", SHANGHAI), SHANGHAI, Cadence.DAILY))
                .isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(Streaks.periodOf(local("2026-03-08T23:59:59.999", SHANGHAI), SHANGHAI, Cadence.WEEKLY))
                .isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(Streaks.periodOf(local("2026-03-09T00:00", SHANGHAI), SHANGHAI, Cadence.WEEKLY))
                .isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    void aHalfHourOffsetMovesTheDayBoundaryWithIt() {
        // Kolkata is UTC+05:30: its day turns at 18:30 UTC.
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        assertThat(Streaks.periodOf(Instant.parse("2026-03-10T18:29:59Z"), kolkata, Cadence.DAILY))
                .isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(Streaks.periodOf(Instant.parse("2026-03-10T18:30:00Z"), kolkata, Cadence.DAILY))
                .isEqualTo(LocalDate.of(2026, 3, 11));
    }

    @Test
    void aDayWhoseMidnightTheClocksSkipIsOneDay() {
        // Santiago springs forward at midnight: 2026-09-06 starts at 01:00, one second after 09-05's 23:59:59.
        ZoneId santiago = ZoneId.of("America/Santiago");
        Instant lastSecondOfSaturday = Instant.parse("2026-09-06T03:59:59Z");
        Instant firstOfSunday = Instant.parse("2026-09-06T04:00:00Z");
        assertThat(firstOfSunday.atZone(santiago).toLocalTime()).isEqualTo(LocalTime.of(1, 0));
        List<LocalDate> periods = periods(santiago, lastSecondOfSaturday, firstOfSunday, local("2026-09-07T00:00", santiago));
        assertThat(periods).containsExactly(LocalDate.of(2026, 9, 5), LocalDate.of(2026, 9, 6), LocalDate.of(2026, 9, 7));
        assertThat(daily(periods, LocalDate.of(2026, 9, 7))).isEqualTo(new Standing(3, 3, 0));
    }

    @Test
    void newYorksSpringForwardDayIsOneDay() {
        // 2026-03-08 has 23 hours in New York.
        Instant saturdayNight = local("2026-03-07T23:30", NEW_YORK);
        Instant sundayMorning = local("2026-03-08T00:30", NEW_YORK);
        Instant sundayNight = local("2026-03-08T23:30", NEW_YORK);
        Instant mondayNight = local("2026-03-09T23:30", NEW_YORK);
        assertThat(Duration.between(saturdayNight, sundayNight)).isEqualTo(Duration.ofHours(23));
        // Not doubled: half past midnight and half past eleven that Sunday are the same day.
        assertThat(Streaks.periodOf(sundayMorning, NEW_YORK, Cadence.DAILY))
                .isEqualTo(Streaks.periodOf(sundayNight, NEW_YORK, Cadence.DAILY));
        List<LocalDate> periods = periods(NEW_YORK, saturdayNight, sundayNight, mondayNight);
        assertThat(daily(periods, LocalDate.of(2026, 3, 9))).isEqualTo(new Standing(3, 3, 0));
    }

    @Test
    void newYorksFallBackDayIsOneDay() {
        // 2026-11-01 has 25 hours in New York.
        Instant saturdayEvening = local("2026-10-31T20:00", NEW_YORK);
        Instant sundayEvening = local("2026-11-01T20:00", NEW_YORK);
        Instant sundayStart = local("2026-11-01T00:30", NEW_YORK);
        Instant sundayEnd = local("2026-11-01T23:30", NEW_YORK);
        assertThat(Duration.between(saturdayEvening, sundayEvening)).isEqualTo(Duration.ofHours(25));
        assertThat(Duration.between(sundayStart, sundayEnd)).isEqualTo(Duration.ofHours(24));
        // Not broken: more than 24 hours apart, yet consecutive days.
        assertThat(daily(periods(NEW_YORK, saturdayEvening, sundayEvening), LocalDate.of(2026, 11, 1)).streak())
                .isEqualTo(2);
        // Not doubled: 24 hours apart, yet the same day.
        assertThat(Streaks.periodOf(sundayStart, NEW_YORK, Cadence.DAILY))
                .isEqualTo(Streaks.periodOf(sundayEnd, NEW_YORK, Cadence.DAILY));
    }

    @Test
    void berlinsDaylightSavingChangesKeepAStreakAcrossBothDays() {
        List<LocalDate> spring = periods(BERLIN, local("2026-03-28T21:00", BERLIN), local("2026-03-29T21:00", BERLIN),
                local("2026-03-30T21:00", BERLIN));
        assertThat(daily(spring, LocalDate.of(2026, 3, 30)).streak()).isEqualTo(3);
        List<LocalDate> autumn = periods(BERLIN, local("2026-10-24T06:00", BERLIN), local("2026-10-25T06:00", BERLIN),
                local("2026-10-26T06:00", BERLIN));
        assertThat(daily(autumn, LocalDate.of(2026, 10, 26)).streak()).isEqualTo(3);
    }

    @Test
    void tagsAreMadeFromTheTitle() {
        assertThat(SupervisorService.tagFrom("跑步", "FITNESS")).isEqualTo("#跑步");
        assertThat(SupervisorService.tagFrom("Read 20 pages!", "READING")).isEqualTo("#Read20pages");
        assertThat(SupervisorService.tagFrom("!!!", "CUSTOM")).isEqualTo("#custom");
        assertThat(SupervisorService.tagFrom("a".repeat(40), "CUSTOM")).hasSize(32);
    }

    private static Standing daily(List<LocalDate> checkedIn, LocalDate current) {
        return Streaks.standing(Cadence.DAILY, NO_REST, checkedIn, current);
    }

    private static Standing weekly(List<LocalDate> checkedIn, LocalDate current) {
        return Streaks.standing(Cadence.WEEKLY, NO_REST, checkedIn, current);
    }

    private static List<LocalDate> days(LocalDate first, int count) {
        return Stream.iterate(first, day -> day.plusDays(1)).limit(count).toList();
    }

    private static List<LocalDate> weeks(LocalDate firstMonday, int count) {
        return Stream.iterate(firstMonday, week -> week.plusWeeks(1)).limit(count).toList();
    }

    private static List<LocalDate> periods(ZoneId zone, Instant... instants) {
        return Stream.of(instants).map(at -> Streaks.periodOf(at, zone, Cadence.DAILY)).toList();
    }

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }
}
