package pai.redpacket.service.grab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import pai.redpacket.service.grab.GrabStats.Second;
import pai.redpacket.service.grab.GrabStats.Snapshot;

class GrabStatsTest {
    private static final Instant START = Instant.parse("2026-02-01T12:00:00Z");
    /** What System.nanoTime() read at START: any value, the figures follow the wall clock's seconds. */
    private static final long NANOS_AT_START = 987_654_321_012L;
    private static final long MS = 1_000_000L;

    private final AtomicLong nanoTime = new AtomicLong(NANOS_AT_START);

    private GrabStats stats(int maxCampaigns) {
        return new GrabStats(nanoTime::get, Clock.fixed(START, ZoneOffset.UTC), maxCampaigns);
    }

    /** Moves the clock to {@code millis} after START and records a grab that ended then. */
    private void grab(GrabStats stats, long millis, String campaignId, String outcome, long tookNanos) {
        nanoTime.set(NANOS_AT_START + millis * MS);
        stats.record(campaignId, outcome, tookNanos, nanoTime.get());
    }

    private void now(long millis) {
        nanoTime.set(NANOS_AT_START + millis * MS);
    }

    @Test
    void eachSecondCountsItsOwnGrabsAndASecondAMinuteLaterStartsItsBucketAfresh() {
        GrabStats stats = stats(10);
        grab(stats, 100, "c", "granted", 2 * MS);
        grab(stats, 900, "c", "granted", 2 * MS);
        grab(stats, 999, "c", "sold_out", 2 * MS);
        grab(stats, 1_000, "c", "granted", 2 * MS);
        grab(stats, 1_500, "c", "grab_limit_reached", 2 * MS);

        Snapshot lastSecond = stats.service(1);
        assertThat(lastSecond.grabs()).containsEntry("granted", 1L).containsEntry("grab_limit_reached", 1L)
                .containsEntry("sold_out", 0L);
        Snapshot both = stats.service(2);
        assertThat(both.grabs()).containsEntry("granted", 3L).containsEntry("sold_out", 1L)
                .containsEntry("grab_limit_reached", 1L);
        assertThat(both.series()).hasSize(GrabStats.SPAN_SECONDS);
        Second first = both.series().get(GrabStats.SPAN_SECONDS - 2);
        Second second = both.series().get(GrabStats.SPAN_SECONDS - 1);
        assertThat(first.second()).isEqualTo(START);
        assertThat(first.grabs()).containsEntry("granted", 2L).containsEntry("sold_out", 1L);
        assertThat(second.second()).isEqualTo(START.plusSeconds(1));
        assertThat(second.grabs()).containsEntry("granted", 1L).containsEntry("grab_limit_reached", 1L);
        assertThat(both.serverTime()).isEqualTo(START.plusMillis(1_500));

        // Second 60 shares second 0's bucket: its grabs replace what second 0 held.
        grab(stats, 60_200, "c", "granted", 2 * MS);
        Snapshot minuteLater = stats.service(GrabStats.SPAN_SECONDS);
        assertThat(minuteLater.series().get(0).second()).isEqualTo(START.plusSeconds(1));
        assertThat(minuteLater.series().get(GrabStats.SPAN_SECONDS - 1).grabs()).containsEntry("granted", 1L)
                .containsEntry("sold_out", 0L);
        assertThat(minuteLater.grabs()).containsEntry("granted", 2L).containsEntry("sold_out", 0L)
                .containsEntry("grab_limit_reached", 1L);

        now(61_000);
        assertThat(stats.service(GrabStats.SPAN_SECONDS).grabs()).containsEntry("granted", 1L)
                .containsEntry("grab_limit_reached", 0L);
        now(200_000);
        Snapshot quiet = stats.service(10);
        assertThat(quiet.grabs().values()).containsOnly(0L);
        assertThat(quiet.latency().p99Nanos()).isEmpty();
        assertThat(quiet.series()).extracting(Second::p99Nanos).containsOnly(Optional.empty());
    }

    @Test
    void aGrabSoLateThatItsSecondsBucketMovedOnIsNotCountedInTheNewSecond() {
        GrabStats stats = stats(10);
        grab(stats, 60_100, null, "granted", MS);

        stats.record(null, "sold_out", MS, NANOS_AT_START + 50 * MS);

        now(60_500);
        assertThat(stats.service(GrabStats.SPAN_SECONDS).grabs()).containsEntry("granted", 1L)
                .containsEntry("sold_out", 0L);
    }

    @Test
    void percentilesAreTheBucketHoldingTheRankAndNeverAboveTheLargestLatency() {
        GrabStats stats = stats(10);
        for (int ms = 1; ms <= 100; ms++) {
            grab(stats, 5_000 + ms, "c", "granted", ms * MS);
        }

        GrabStats.Latencies latency = stats.service(10).latency();
        long p50 = latency.p50Nanos().orElseThrow();
        long p99 = latency.p99Nanos().orElseThrow();
        assertThat(p50).isBetween(50 * MS, (long) (50 * MS * GrabStats.LATENCY_STEP));
        assertThat(p50).isEqualTo(GrabStats.upperBound(GrabStats.latencySlot(50 * MS)));
        assertThat(p99).isBetween(99 * MS, 100 * MS);
        assertThat(latency.maxNanos()).contains(100 * MS);
        assertThat(stats.service(10).series().get(GrabStats.SPAN_SECONDS - 1).p99Nanos()).contains(p99);
    }

    @Test
    void aSingleGrabIsItsOwnP50P99AndMax() {
        GrabStats stats = stats(10);
        grab(stats, 300, "c", "granted", 7_300_000);

        GrabStats.Latencies latency = stats.campaign("c", 10).latency();
        assertThat(latency.p50Nanos()).contains(7_300_000L);
        assertThat(latency.p99Nanos()).contains(7_300_000L);
        assertThat(latency.maxNanos()).contains(7_300_000L);
    }

    @Test
    void latencyBucketsGrowByAQuarterFromATenthOfAMillisecondToThirtySeconds() {
        assertThat(GrabStats.upperBound(0)).isEqualTo(100_000L);
        assertThat(GrabStats.upperBound(1)).isEqualTo(125_000L);
        assertThat(GrabStats.latencySlot(100_000)).isZero();
        assertThat(GrabStats.latencySlot(100_001)).isEqualTo(1);
        assertThat(GrabStats.latencySlot(0)).isZero();
        int last = GrabStats.latencySlots() - 2;
        assertThat(GrabStats.upperBound(last)).isEqualTo(30_000_000_000L);
        assertThat(GrabStats.upperBound(last - 1)).isLessThan(30_000_000_000L);
        assertThat(GrabStats.latencySlot(30_000_000_001L)).isEqualTo(last + 1);
        for (int slot = 1; slot < last; slot++) {
            assertThat((double) GrabStats.upperBound(slot) / GrabStats.upperBound(slot - 1))
                    .isBetween(1.249, 1.251);
        }
    }

    @Test
    void latencyPastTheLastBucketReadsAsTheLargestSeen() {
        GrabStats stats = stats(10);
        grab(stats, 100, null, "granted", 45_000_000_000L);

        assertThat(stats.service(10).latency().p99Nanos()).contains(45_000_000_000L);
    }

    @Test
    void aCampaignCountsOnlyItsOwnDropsGrabsAndTheServiceCountsEveryGrab() {
        GrabStats stats = stats(10);
        grab(stats, 100, "a", "granted", MS);
        grab(stats, 200, "a", "sold_out", MS);
        grab(stats, 300, "b", "granted", MS);
        grab(stats, 400, null, "granted", MS);

        assertThat(stats.campaign("a", 10).grabs()).containsEntry("granted", 1L).containsEntry("sold_out", 1L);
        assertThat(stats.campaign("b", 10).grabs()).containsEntry("granted", 1L).containsEntry("sold_out", 0L);
        assertThat(stats.campaign("never", 10).grabs().values()).containsOnly(0L);
        assertThat(stats.service(10).grabs()).containsEntry("granted", 3L).containsEntry("sold_out", 1L);
    }

    @Test
    void aCampaignIdleForLongerThanTheSpanIsDropped() {
        GrabStats stats = stats(10);
        grab(stats, 0, "early", "granted", MS);
        grab(stats, 30_000, "later", "granted", MS);
        assertThat(stats.campaignsHeld()).isEqualTo(2);

        now(59_999);
        stats.service(10);
        assertThat(stats.campaignsHeld()).isEqualTo(2);
        now(60_000);
        stats.service(10);
        assertThat(stats.campaignsHeld()).isEqualTo(1);
        assertThat(stats.campaign("later", GrabStats.SPAN_SECONDS).grabs()).containsEntry("granted", 1L);
        assertThat(stats.campaign("early", GrabStats.SPAN_SECONDS).grabs()).containsEntry("granted", 0L);

        grab(stats, 95_000, "new", "granted", MS);
        assertThat(stats.campaignsHeld()).isEqualTo(1);
        assertThat(stats.campaign("new", 1).grabs()).containsEntry("granted", 1L);
    }

    @Test
    void pastTheMostCampaignsANewOnePushesOutTheOneIdleLongest() {
        GrabStats stats = stats(2);
        grab(stats, 1_000, "a", "granted", MS);
        grab(stats, 2_000, "b", "granted", MS);
        grab(stats, 3_000, "a", "granted", MS);

        grab(stats, 4_000, "c", "granted", MS);

        assertThat(stats.campaignsHeld()).isEqualTo(2);
        assertThat(stats.campaign("b", 10).grabs()).containsEntry("granted", 0L);
        assertThat(stats.campaign("a", 10).grabs()).containsEntry("granted", 2L);
        assertThat(stats.campaign("c", 10).grabs()).containsEntry("granted", 1L);
    }

    @Test
    void theUsualOutcomesAreAlwaysNamedAndOutcomesPastTheLastSlotCountAsOther() {
        GrabStats stats = stats(10);
        assertThat(stats.service(10).grabs()).containsKeys("granted", "replayed", "sold_out", "grab_limit_reached",
                "drop_not_active", "rate_limited", "busy").doesNotContainKey(GrabStats.OTHER);

        grab(stats, 100, null, "not_a_member", MS);
        int madeUp = GrabStats.MAX_OUTCOMES;
        for (int i = 0; i < madeUp; i++) {
            grab(stats, 200, null, "made_up_" + i, MS);
        }
        grab(stats, 300, null, "made_up_0", MS);

        var grabs = stats.service(10).grabs();
        assertThat(grabs).containsEntry("not_a_member", 1L).containsEntry("made_up_0", 2L);
        assertThat(grabs).hasSize(GrabStats.MAX_OUTCOMES);
        long named = grabs.keySet().stream().filter(k -> k.startsWith("made_up_")).count();
        assertThat(named).isLessThan(madeUp);
        assertThat(grabs.get(GrabStats.OTHER)).isEqualTo(madeUp - named);
    }

    @Test
    void aWindowIsOneToSixtySeconds() {
        GrabStats stats = stats(10);
        assertThatThrownBy(() -> stats.service(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.campaign("c", 61)).isInstanceOf(IllegalArgumentException.class);
    }
}
