package pai.redpacket.service.grab;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import pai.platform.membership.Memberships;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.Pool;
import pai.redpacket.service.RedpacketRefusals;
import pai.redpacket.service.campaign.DropService;
import pai.redpacket.service.grouppacket.GroupPacketService;
import pai.redpacket.service.pool.PacketPools;
import pai.redpacket.service.pool.PacketPools.GrabOutcome;
import pai.redpacket.service.pool.PacketPools.GrabResult;

/**
 * The grab path: one Redis script decides, without touching PostgreSQL; only the rare answers
 * that need the truth (a pool not in Redis, a repeat after the claims expired, a pai's members)
 * read the database, on a worker thread.
 */
@ApplicationScoped
public class GrabService {
    private final GrabBatcher batcher;
    private final PoolDirectory directory;
    private final DropService drops;
    private final GroupPacketService groupPackets;
    private final Memberships members;
    private final MeterRegistry registry;
    private final Timer latency;
    private final GrabStats stats;

    public GrabService(GrabBatcher batcher, PoolDirectory directory, DropService drops,
            GroupPacketService groupPackets, Memberships members, MeterRegistry registry, GrabStats stats) {
        this.batcher = batcher;
        this.directory = directory;
        this.drops = drops;
        this.groupPackets = groupPackets;
        this.members = members;
        this.registry = registry;
        this.stats = stats;
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
        Pool known = directory.cachedDrop(dropId);
        Uni<Pool> pool = known != null ? Uni.createFrom().item(known) : blocking(() -> directory.drop(dropId));
        return measured(dropId, pool.chain(p -> grab(p, userId, outcome -> {
            throw drops.refusalWhenNotOpen(dropId, outcome);
        })));
    }

    /** Whoever is a member of the pai when grabbing may grab, the sender included. */
    public Uni<Granted> grabGroupPacket(String userId, String packetId) {
        return measured(null, blocking(() -> {
            Pool pool = directory.groupPacket(packetId);
            members.requireMember(pool.ownerId(), userId);
            return pool;
        }).chain(p -> grab(p, userId, outcome -> {
            throw groupPackets.refusalWhenNotOpen(packetId);
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

    /**
     * Times and counts the grab where it ends, in the meters and in the live figures; a drop's grab
     * counts for its campaign too, which the directory knows by then unless the drop does not exist.
     */
    private Uni<Granted> measured(String dropId, Uni<Granted> grab) {
        long started = System.nanoTime();
        return grab.onTermination().invoke((granted, failure, cancelled) -> {
            long ended = System.nanoTime();
            String outcome = outcomeOf(granted, failure, cancelled);
            latency.record(ended - started, TimeUnit.NANOSECONDS);
            registry.counter("pai.redpacket.grabs", "outcome", outcome).increment();
            stats.record(dropId == null ? null : directory.campaignOf(dropId), outcome, ended - started, ended);
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
