package pai.redpacket.service.grab;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import pai.redpacket.config.RedpacketConfig;

/**
 * The live grab figures of this instance for the operator console: per second over the last
 * {@link #SPAN_SECONDS}, how many grabs ended with each outcome (the tags of
 * {@code pai.redpacket.grabs}) and how long they took. One ring for the whole service and one per
 * campaign with grabs within the span, at most {@code stats.max-campaigns}; a campaign idle for
 * longer is dropped. Recording costs the grab path a few atomic increments: no allocation (but a
 * campaign's first grab in a span, which makes its ring) and no lock (but the first grab of each
 * second, which clears that second's bucket of a minute ago). Latencies fall into fixed buckets
 * {@link #LATENCY_STEP} times wider each, from {@link #FIRST_BOUND_NANOS} to
 * {@link #LAST_BOUND_NANOS}, so a percentile is exact to one bucket: it is the upper bound of the
 * bucket holding it, never above the largest latency seen.
 */
@ApplicationScoped
public class GrabStats {
    public static final int SPAN_SECONDS = 60;
    static final long FIRST_BOUND_NANOS = 100_000;
    static final long LAST_BOUND_NANOS = 30_000_000_000L;
    static final double LATENCY_STEP = 1.25;
    /** Distinct outcomes counted; any beyond share the last slot, {@link #OTHER}. */
    static final int MAX_OUTCOMES = 24;
    static final String OTHER = "other";
    /** Named from the start, so that the console's keys stay the same whatever happened yet. */
    private static final List<String> USUAL_OUTCOMES = List.of("granted", "replayed", "sold_out",
            "grab_limit_reached", "drop_not_active", "rate_limited", "busy");
    private static final long[] UPPER_BOUNDS = latencyBounds();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    /** Added to a {@code nanoTime} reading it gives epoch nanos: one timeline for recording and reading. */
    private final long epochOffsetNanos;
    private final int maxCampaigns;
    private final Ring service = new Ring();
    private final Map<String, Ring> campaigns = new ConcurrentHashMap<>();
    private final Map<String, Integer> outcomeIndex = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<String> outcomeNames = new AtomicReferenceArray<>(MAX_OUTCOMES);
    /** Slots given to outcomes so far, under this object's lock. */
    private int outcomesNamed;

    @Inject
    public GrabStats(RedpacketConfig config) {
        this(System::nanoTime, Clock.systemUTC(), config.stats().maxCampaigns());
    }

    GrabStats(LongSupplier nanoTime, Clock wall, int maxCampaigns) {
        this.nanoTime = nanoTime;
        long wallNanos = Math.multiplyExact(wall.millis(), 1_000_000L);
        this.epochOffsetNanos = wallNanos - nanoTime.getAsLong();
        this.maxCampaigns = maxCampaigns;
        outcomeNames.set(MAX_OUTCOMES - 1, OTHER);
        outcomeIndex.put(OTHER, MAX_OUTCOMES - 1);
        USUAL_OUTCOMES.forEach(this::indexOf);
    }

    /**
     * A grab that ended at {@code endedNanos} (a {@code System.nanoTime()} reading) after
     * {@code tookNanos}; {@code campaignId} is null for a lucky packet or a drop that does not exist.
     */
    public void record(String campaignId, String outcome, long tookNanos, long endedNanos) {
        long second = Math.floorDiv(endedNanos + epochOffsetNanos, NANOS_PER_SECOND);
        int outcomeSlot = indexOf(outcome);
        int latencySlot = latencySlot(tookNanos);
        service.record(second, outcomeSlot, latencySlot, tookNanos);
        if (campaignId != null) {
            Ring ring = campaigns.get(campaignId);
            if (ring == null) {
                ring = ringFor(campaignId, second);
            }
            ring.record(second, outcomeSlot, latencySlot, tookNanos);
        }
    }

    /** The whole service's figures over the last {@code windowSeconds} (1..60), the current second included. */
    public Snapshot service(int windowSeconds) {
        return snapshot(null, windowSeconds);
    }

    /** The figures of one campaign's drops; all zero when none was grabbed here within the span. */
    public Snapshot campaign(String campaignId, int windowSeconds) {
        return snapshot(campaignId, windowSeconds);
    }

    private Snapshot snapshot(String campaignId, int windowSeconds) {
        if (windowSeconds < 1 || windowSeconds > SPAN_SECONDS) {
            throw new IllegalArgumentException("a window of 1.." + SPAN_SECONDS + " seconds, not " + windowSeconds);
        }
        long nowNanos = nanoTime.getAsLong() + epochOffsetNanos;
        long now = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        dropIdle(now);
        Ring ring = campaignId == null ? service : campaigns.getOrDefault(campaignId, Ring.EMPTY);
        return ring.snapshot(Instant.ofEpochSecond(0, nowNanos), now, windowSeconds, outcomes());
    }

    /** How many campaigns have a ring now. */
    int campaignsHeld() {
        return campaigns.size();
    }

    /**
     * Figures over a window ending with the current second: the grabs by outcome (every outcome
     * this instance has counted, zeros included), their latencies, and the last 60 seconds one by
     * one, oldest first.
     */
    public record Snapshot(Instant serverTime, int windowSeconds, Map<String, Long> grabs, Latencies latency,
            List<Second> series) {
    }

    /** Nanoseconds; each empty when no grab ended in the window. */
    public record Latencies(Optional<Long> p50Nanos, Optional<Long> p99Nanos, Optional<Long> maxNanos) {
    }

    /** One second's grabs by outcome and its p99, empty when no grab ended in it. */
    public record Second(Instant second, Map<String, Long> grabs, Optional<Long> p99Nanos) {
    }

    private int indexOf(String outcome) {
        Integer known = outcomeIndex.get(outcome);
        return known != null ? known : newOutcome(outcome);
    }

    private synchronized int newOutcome(String outcome) {
        Integer known = outcomeIndex.get(outcome);
        if (known != null) {
            return known;
        }
        // Outcomes are refusal codes, a closed set: the map stays small even past the last slot.
        int slot = outcomesNamed < MAX_OUTCOMES - 1 ? outcomesNamed++ : MAX_OUTCOMES - 1;
        if (slot < MAX_OUTCOMES - 1) {
            outcomeNames.set(slot, outcome);
        }
        outcomeIndex.put(outcome, slot);
        return slot;
    }

    /** The outcome named by each slot, null for a slot not given yet. */
    private String[] outcomes() {
        String[] names = new String[MAX_OUTCOMES];
        for (int i = 0; i < MAX_OUTCOMES; i++) {
            names[i] = outcomeNames.get(i);
        }
        return names;
    }

    private synchronized Ring ringFor(String campaignId, long second) {
        Ring ring = campaigns.get(campaignId);
        if (ring != null) {
            return ring;
        }
        dropIdle(second);
        if (campaigns.size() >= maxCampaigns) {
            campaigns.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().lastSecond))
                    .ifPresent(longestIdle -> campaigns.remove(longestIdle.getKey(), longestIdle.getValue()));
        }
        ring = new Ring();
        campaigns.put(campaignId, ring);
        return ring;
    }

    /** A grab racing this may land in a ring just dropped; it was idle for a minute, so one grab at most. */
    private void dropIdle(long now) {
        campaigns.values().removeIf(ring -> ring.lastSecond <= now - SPAN_SECONDS);
    }

    /** The bucket of a latency: the first whose upper bound holds it, or the one past the last bound. */
    static int latencySlot(long nanos) {
        int found = Arrays.binarySearch(UPPER_BOUNDS, nanos);
        return found >= 0 ? found : -found - 1;
    }

    /** The upper bound of a latency bucket; the one past the last bound has none. */
    static long upperBound(int slot) {
        return slot < UPPER_BOUNDS.length ? UPPER_BOUNDS[slot] : Long.MAX_VALUE;
    }

    static int latencySlots() {
        return UPPER_BOUNDS.length + 1;
    }

    private static long[] latencyBounds() {
        List<Long> bounds = new ArrayList<>();
        for (double bound = FIRST_BOUND_NANOS; bounds.isEmpty() || bounds.get(bounds.size() - 1) < LAST_BOUND_NANOS;
                bound *= LATENCY_STEP) {
            bounds.add(Math.min(Math.round(bound), LAST_BOUND_NANOS));
        }
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }

    /** One second's counts: grabs by outcome slot, by latency slot, and the largest latency. */
    private static final class Bucket {
        volatile long second = Long.MIN_VALUE;
        final AtomicLongArray outcomes = new AtomicLongArray(MAX_OUTCOMES);
        final AtomicLongArray latencies = new AtomicLongArray(latencySlots());
        final AtomicLong max = new AtomicLong();

        /** Whether the bucket holds {@code at} now; false for a grab so late that its bucket moved on. */
        boolean holds(long at) {
            long held = second;
            if (held == at) {
                return true;
            }
            if (held > at) {
                return false;
            }
            synchronized (this) {
                if (second < at) {
                    for (int i = 0; i < MAX_OUTCOMES; i++) {
                        outcomes.set(i, 0);
                    }
                    for (int i = 0; i < latencies.length(); i++) {
                        latencies.set(i, 0);
                    }
                    max.set(0);
                    second = at;
                }
                return second == at;
            }
        }

        void add(int outcomeSlot, int latencySlot, long nanos) {
            outcomes.incrementAndGet(outcomeSlot);
            latencies.incrementAndGet(latencySlot);
            long largest = max.get();
            while (nanos > largest && !max.compareAndSet(largest, nanos)) {
                largest = max.get();
            }
        }
    }

    private static final class Ring {
        /** What a campaign without grabs here reads; nothing records into it. */
        static final Ring EMPTY = new Ring();

        final Bucket[] buckets = new Bucket[SPAN_SECONDS];
        /** The last second with a grab; written without ordering, as eviction needs only its rough age. */
        volatile long lastSecond = Long.MIN_VALUE;

        Ring() {
            for (int i = 0; i < SPAN_SECONDS; i++) {
                buckets[i] = new Bucket();
            }
        }

        void record(long second, int outcomeSlot, int latencySlot, long nanos) {
            Bucket bucket = buckets[(int) Math.floorMod(second, SPAN_SECONDS)];
            if (bucket.holds(second)) {
                bucket.add(outcomeSlot, latencySlot, nanos);
                if (lastSecond < second) {
                    lastSecond = second;
                }
            }
        }

        Snapshot snapshot(Instant serverTime, long now, int windowSeconds, String[] names) {
            long[] windowOutcomes = new long[MAX_OUTCOMES];
            long[] windowLatencies = new long[latencySlots()];
            long windowMax = 0;
            List<Second> series = new ArrayList<>(SPAN_SECONDS);
            for (long second = now - SPAN_SECONDS + 1; second <= now; second++) {
                long[] outcomes = new long[MAX_OUTCOMES];
                long[] latencies = new long[latencySlots()];
                long max = read(second, outcomes, latencies);
                series.add(new Second(Instant.ofEpochSecond(second), byName(outcomes, names),
                        percentile(latencies, max, 0.99)));
                if (second > now - windowSeconds) {
                    add(windowOutcomes, outcomes);
                    add(windowLatencies, latencies);
                    windowMax = Math.max(windowMax, max);
                }
            }
            // The 100th percentile is the largest latency itself, as no bucket's bound lies below it.
            Latencies latency = new Latencies(percentile(windowLatencies, windowMax, 0.50),
                    percentile(windowLatencies, windowMax, 0.99), percentile(windowLatencies, windowMax, 1.0));
            return new Snapshot(serverTime, windowSeconds, byName(windowOutcomes, names), latency, series);
        }

        /** Copies the bucket of {@code second} when it still holds that second; its largest latency. */
        private long read(long second, long[] outcomes, long[] latencies) {
            Bucket bucket = buckets[(int) Math.floorMod(second, SPAN_SECONDS)];
            if (bucket.second != second) {
                return 0;
            }
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = bucket.outcomes.get(i);
            }
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = bucket.latencies.get(i);
            }
            long max = bucket.max.get();
            // A rollover while copying would mix two seconds: read that one as empty.
            if (bucket.second != second) {
                Arrays.fill(outcomes, 0);
                Arrays.fill(latencies, 0);
                return 0;
            }
            return max;
        }

        private static void add(long[] into, long[] counts) {
            for (int i = 0; i < into.length; i++) {
                into[i] += counts[i];
            }
        }

        private static Map<String, Long> byName(long[] counts, String[] names) {
            Map<String, Long> named = new LinkedHashMap<>();
            for (int i = 0; i < counts.length; i++) {
                if (names[i] != null && (counts[i] > 0 || !OTHER.equals(names[i]))) {
                    named.put(names[i], counts[i]);
                }
            }
            return named;
        }

        /** The upper bound of the bucket holding the q-th latency, at most the largest seen. */
        private static Optional<Long> percentile(long[] latencies, long max, double q) {
            long total = 0;
            for (long count : latencies) {
                total += count;
            }
            if (total == 0) {
                return Optional.empty();
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int slot = 0; slot < latencies.length; slot++) {
                seen += latencies[slot];
                if (seen >= rank) {
                    return Optional.of(Math.min(upperBound(slot), max));
                }
            }
            return Optional.of(max);
        }
    }
}
