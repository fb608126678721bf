package pai.redpacket.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import pai.platform.error.ApiException;
import pai.platform.error.RateLimitedException;
import pai.redpacket.domain.DropStatus;
import pai.redpacket.domain.Grab;
import pai.redpacket.service.PacketPools.GrabOutcome;
import pai.redpacket.service.PacketPools.GrabResult;
import pai.redpacket.service.PacketPools.Pool;

/**
 * The grab path: one Redis script decides, without touching PostgreSQL; only the rare answers
 * that need the truth (a pool not in Redis, a repeat after the claims expired, a pai's members)
 * read the database, on a worker thread.
 */
@ApplicationScoped
public class GrabService {
    private final GrabBatcher batcher;
    private final GroupPacketService groupPackets;
    private final MeterRegistry registry;
    private final Timer latency;
    /** dropId to its pool: fixed for a drop's life, so it is read from PostgreSQL once. */
    private final Map<String, Pool> dropPools = new ConcurrentHashMap<>();

    public GrabService(GrabBatcher batcher, GroupPacketService groupPackets, MeterRegistry registry) {
        this.batcher = batcher;
        this.groupPackets = groupPackets;
        this.registry = registry;
        this.latency = Timer.builder("pai.redpacket.grab.latency")
                .description("Time to answer a grab")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }

    /** A user's packet of a pool: the claim, and whether it was granted earlier. */
    public record Granted(PacketPools.Claim claim, boolean replayed) {
    }

    public Uni<Granted> grabDrop(String userId, String dropId) {
        Pool known = dropPools.get(dropId);
        Uni<Pool> pool = known != null ? Uni.createFrom().item(known)
                : blocking(() -> DropService.poolOf(DropService.find(dropId))).invoke(p -> dropPools.put(dropId, p));
        return measured(pool.chain(p -> grab(p, userId, outcome -> {
            DropStatus status = DropService.find(dropId).status;
            // Redis lost an active drop: it freezes at the scheduler's next tick and is rebuilt,
            // so the grab is worth a retry, not a "not active".
            if (status == DropStatus.FROZEN || status == DropStatus.ACTIVE && outcome == GrabOutcome.NOT_LOADED) {
                throw new RedpacketRefusals.Busy();
            }
            throw new RedpacketRefusals.DropNotActive(dropId);
        })));
    }

    /** Whoever is a member of the pai when grabbing may grab, the sender included. */
    public Uni<Granted> grabGroupPacket(String userId, String packetId) {
        return measured(blocking(() -> groupPackets.poolForMember(packetId, userId))
                .chain(p -> grab(p, userId, outcome -> {
                    groupPackets.refuseNotOpen(packetId);
                    return null;
                })));
    }

    /** {@code whenNotOpen} answers (or refuses) a grab Redis could not decide and the ledger does not know. */
    private Uni<Granted> grab(Pool pool, String userId, Function<GrabOutcome, Granted> whenNotOpen) {
        return batcher.grab(pool, userId).chain(result -> answer(pool, userId, result, whenNotOpen));
    }

    private Uni<Granted> answer(Pool pool, String userId, GrabResult result, Function<GrabOutcome, Granted> whenNotOpen) {
        return switch (result.outcome()) {
            case OK -> Uni.createFrom().item(new Granted(result.claim(), false));
            case REPLAY -> Uni.createFrom().item(new Granted(result.claim(), true));
            case NOT_LOADED, NOT_ACTIVE -> blocking(() -> fromLedger(pool.id(), userId)
                    .orElseGet(() -> whenNotOpen.apply(result.outcome())));
            case LIMIT -> Uni.createFrom().failure(new RedpacketRefusals.GrabLimitReached());
            case BUSY -> Uni.createFrom().failure(new RedpacketRefusals.Busy());
            case SOLD_OUT -> Uni.createFrom().failure(new RedpacketRefusals.SoldOut(pool.id()));
            case RATE_LIMITED -> Uni.createFrom().failure(new RateLimitedException(1, "too many grab attempts"));
        };
    }

    /** A pool Redis no longer answers for (closed, its claims expired): the ledger remembers the grab. */
    private static Optional<Granted> fromLedger(String poolId, String userId) {
        return Grab.of(poolId, userId).map(g -> new Granted(
                new PacketPools.Claim(g.grabId, g.packetIndex, g.amountCents, g.grabbedAt), true));
    }

    private Uni<Granted> measured(Uni<Granted> grab) {
        long started = System.nanoTime();
        return grab.onTermination().invoke((granted, failure, cancelled) -> {
            latency.record(Duration.ofNanos(System.nanoTime() - started));
            registry.counter("pai.redpacket.grabs", "outcome", outcomeOf(granted, failure, cancelled)).increment();
        });
    }

    private static String outcomeOf(Granted granted, Throwable failure, boolean cancelled) {
        if (failure instanceof ApiException refusal) {
            return refusal.code().toLowerCase();
        }
        if (failure != null) {
            return "error";
        }
        if (cancelled) {
            // The client went away before the answer; Redis may still have granted the packet,
            // which the ledger records and a repeat returns.
            return "cancelled";
        }
        return granted.replayed() ? "replayed" : "granted";
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(() -> QuarkusTransaction.requiringNew().call(work::get))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
