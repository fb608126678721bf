package pai.redpacket.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import pai.platform.error.RateLimitedException;
import pai.redpacket.domain.DropStatus;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.rest.RedpacketDtos.GrabView;
import pai.redpacket.service.PacketPools.GrabResult;

/**
 * The grab path: one Redis script decides, without touching PostgreSQL; only the rare answers
 * that need the truth (a drop not in Redis, a repeat after the claims expired) read the database,
 * on a worker thread.
 */
@ApplicationScoped
public class GrabService {
    private final PacketPools pools;
    private final MeterRegistry registry;
    private final Timer latency;
    /** dropId to campaignId: fixed for a drop's life, so it is read from PostgreSQL once. */
    private final Map<String, String> campaignOfDrop = new ConcurrentHashMap<>();

    public GrabService(PacketPools pools, MeterRegistry registry) {
        this.pools = pools;
        this.registry = registry;
        this.latency = Timer.builder("pai.redpacket.grab.latency")
                .description("Time to answer a grab")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }

    public Uni<GrabView> grab(String userId, String dropId) {
        long started = System.nanoTime();
        return campaignOf(dropId)
                .chain(campaignId -> pools.grab(dropId, campaignId, userId))
                .chain(result -> answer(userId, dropId, result))
                .onTermination().invoke((view, failure, cancelled) -> {
                    latency.record(Duration.ofNanos(System.nanoTime() - started));
                    registry.counter("pai.redpacket.grabs", "outcome", outcomeOf(view, failure)).increment();
                });
    }

    private Uni<String> campaignOf(String dropId) {
        String known = campaignOfDrop.get(dropId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return blocking(() -> DropService.find(dropId).campaignId)
                .invoke(campaignId -> campaignOfDrop.put(dropId, campaignId));
    }

    private Uni<GrabView> answer(String userId, String dropId, GrabResult result) {
        return switch (result.outcome()) {
            case OK -> Uni.createFrom().item(view(dropId, result.claim(), false));
            case REPLAY -> Uni.createFrom().item(view(dropId, result.claim(), true));
            case NOT_LOADED, NOT_ACTIVE -> blocking(() -> fromLedger(userId, dropId));
            case LIMIT -> Uni.createFrom().failure(new RedpacketRefusals.GrabLimitReached());
            case BUSY -> Uni.createFrom().failure(new RedpacketRefusals.Busy());
            case SOLD_OUT -> Uni.createFrom().failure(new RedpacketRefusals.SoldOut(dropId));
            case RATE_LIMITED -> Uni.createFrom().failure(new RateLimitedException(1, "too many grab attempts"));
        };
    }

    /** A drop Redis does not hold (not loaded yet, or closed and its claims expired): the ledger answers. */
    private GrabView fromLedger(String userId, String dropId) {
        PacketDrop drop = DropService.find(dropId);
        if (drop.status == DropStatus.CLOSING || drop.status == DropStatus.CLOSED) {
            Optional<Grab> earlier = Grab.of(dropId, userId);
            if (earlier.isPresent()) {
                return new GrabView(earlier.get().grabId, dropId, earlier.get().amountCents, true);
            }
        }
        throw new RedpacketRefusals.DropNotActive(dropId);
    }

    private static GrabView view(String dropId, PacketPools.Claim claim, boolean replayed) {
        return new GrabView(claim.grabId(), dropId, claim.amountCents(), replayed);
    }

    private static String outcomeOf(GrabView view, Throwable failure) {
        if (failure instanceof pai.platform.error.ApiException refusal) {
            return refusal.code().toLowerCase();
        }
        if (failure != null) {
            return "error";
        }
        return view.replayed() ? "replayed" : "granted";
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(() -> QuarkusTransaction.requiringNew().call(work::get))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
