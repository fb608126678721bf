package pai.redpacket.service.grab;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.Pool;
import pai.redpacket.service.pool.PacketPools;
import pai.redpacket.service.pool.PacketPools.GrabResult;

/**
 * Sends the grabs of one pool that arrive together as one script call. A grab goes out at once
 * while fewer than {@code grab.max-in-flight} calls for its pool are waiting on Redis; otherwise
 * it waits for the next call, which takes everything queued by then (up to {@code grab.max-batch}).
 * So a quiet pool answers at single-grab latency and a hot one makes far fewer, larger calls:
 * Redis parses one command and enters the script once per batch, and the service makes one round
 * trip. Each grab is still decided alone, in arrival order (grab.lua).
 */
@ApplicationScoped
public class GrabBatcher {
    private final PacketPools pools;
    private final RedpacketConfig config;
    private final DistributionSummary batchSizes;
    private final Map<Pool, PoolQueue> queues = new ConcurrentHashMap<>();

    public GrabBatcher(PacketPools pools, RedpacketConfig config, MeterRegistry registry) {
        this.pools = pools;
        this.config = config;
        this.batchSizes = DistributionSummary.builder("pai.redpacket.grab.batch")
                .description("Grabs sent to Redis in one script call")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue((double) config.grab().maxBatch())
                .register(registry);
    }

    public Uni<GrabResult> grab(Pool pool, String userId) {
        return Uni.createFrom().emitter(emitter -> {
            Waiting grab = new Waiting(userId, emitter, Vertx.currentContext());
            while (!queues.computeIfAbsent(pool, PoolQueue::new).add(grab)) {
                // that queue went idle and left the map just now: the next one takes the grab
            }
        });
    }

    /** A grab waiting for its answer, and the Vert.x context (the request's event loop) to answer on. */
    private record Waiting(String userId, UniEmitter<? super GrabResult> emitter, Context context) {
        void answer(GrabResult result) {
            onItsContext(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            onItsContext(() -> emitter.fail(failure));
        }

        private void onItsContext(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    private final class PoolQueue {
        private final Pool pool;
        private final GrabQueue<Waiting> grabs = new GrabQueue<>(config.grab().maxInFlight(), config.grab().maxBatch());
        /** Idle and out of the map (so that the pools of a day do not pile up): takes no more grabs. */
        private boolean retired;

        PoolQueue(Pool pool) {
            this.pool = pool;
        }

        boolean add(Waiting grab) {
            List<Waiting> batch;
            synchronized (this) {
                if (retired) {
                    return false;
                }
                batch = grabs.add(grab);
            }
            send(batch);
            return true;
        }

        private void send(List<Waiting> batch) {
            if (batch == null) {
                return;
            }
            batchSizes.record(batch.size());
            List<String> users = batch.stream().map(Waiting::userId).toList();
            pools.grab(pool, users).subscribe().with(results -> {
                done();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).answer(results.get(i));
                }
            }, failure -> {
                done();
                batch.forEach(grab -> grab.fail(failure));
            });
        }

        private void done() {
            List<Waiting> next;
            synchronized (this) {
                next = grabs.done();
                if (next == null && grabs.idle()) {
                    retired = true;
                    queues.remove(pool, this);
                }
            }
            send(next);
        }
    }
}
