package pai.redpacket.service.pool;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import pai.platform.scheduling.UntilStarted;
import pai.redpacket.domain.PacketPool;
import pai.redpacket.domain.Pool;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.messaging.LedgerBacklog;

/**
 * Loads drops shortly before they open and lucky packets as they are sent, closes both when they
 * end, and freezes and rebuilds a drop or a lucky packet that Redis lost. Every instance runs it;
 * the pool's row lock and the idempotent scripts make a second instance's run do nothing.
 */
@ApplicationScoped
public class PoolScheduler {
    private static final Logger LOG = Logger.getLogger(PoolScheduler.class);

    private final PoolLifecycle lifecycle;
    private final PacketPools pools;
    private final LedgerBacklog ledgerBacklog;
    private final List<PoolKindRules<?>> kinds;

    public PoolScheduler(PoolLifecycle lifecycle, PacketPools pools, LedgerBacklog ledgerBacklog,
            Instance<PoolKindRules<?>> kinds) {
        this.lifecycle = lifecycle;
        this.pools = pools;
        this.ledgerBacklog = ledgerBacklog;
        // Drops first, as they are the campaign's: the order of kinds is fixed, not the container's.
        this.kinds = kinds.stream().sorted(Comparator.comparing((PoolKindRules<?> kind) -> kind.kind())).toList();
    }

    @Scheduled(every = "${pai.redpacket.scheduler-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    void tick() {
        Instant now = Instant.now();
        kinds.forEach(kind -> loadAndClose(kind, now));
        recoverLostPools();
    }

    private <P extends PacketPool> void loadAndClose(PoolKindRules<P> kind, Instant now) {
        for (P pool : kind.dueForLoading(now)) {
            attempt("load", pool.id, () -> lifecycle.load(kind, pool.id));
        }
        for (P pool : kind.dueForClosing(now)) {
            attempt("close", pool.id, () -> lifecycle.close(kind, pool.id));
        }
    }

    /**
     * Freezes every ACTIVE pool Redis lost, and once nothing is on its way to the ledger rebuilds the
     * frozen ones and refunds the CLOSING ones whose close entry Redis lost.
     */
    private void recoverLostPools() {
        Map<PoolKindRules<?>, List<Pool>> frozen = new LinkedHashMap<>();
        for (PoolKindRules<?> kind : kinds) {
            for (Pool pool : lifecycle.inStatus(kind, PoolStatus.ACTIVE)) {
                if (!pools.isIntact(pool)) {
                    attempt("freeze", pool.id(), () -> lifecycle.freezeIfLost(kind, pool.id()));
                }
            }
            List<Pool> waiting = lifecycle.inStatus(kind, PoolStatus.FROZEN);
            if (!waiting.isEmpty()) {
                frozen.put(kind, waiting);
            }
        }
        Map<PoolKindRules<?>, List<Pool>> closeLost = new LinkedHashMap<>();
        for (PoolKindRules<?> kind : kinds) {
            List<Pool> lost = lifecycle.inStatus(kind, PoolStatus.CLOSING).stream()
                    .filter(pool -> !pools.isLoaded(pool.id())).toList();
            if (!lost.isEmpty()) {
                closeLost.put(kind, lost);
            }
        }
        if (frozen.isEmpty() && closeLost.isEmpty() || !streamDrained()) {
            return;
        }
        frozen.forEach((kind, waiting) -> waiting.forEach(
                pool -> attempt("rebuild", pool.id(), () -> lifecycle.rebuild(kind, pool.id()))));
        closeLost.forEach((kind, lost) -> lost.forEach(
                pool -> attempt("refund", pool.id(), () -> lifecycle.refundIfCloseLost(kind, pool.id()))));
    }

    /** Every grab Redis still held has reached Kafka, and the ledger has committed all of Kafka's. */
    private boolean streamDrained() {
        return pools.streamLength() == 0 && ledgerBacklog.grabsNotYetInLedger() == 0;
    }

    private static void attempt(String step, String poolId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not %s pool %s; the next tick tries again", step, poolId);
        }
    }
}
