package pai.redpacket.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import pai.platform.messaging.UntilStarted;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.GroupPacket;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.messaging.LedgerBacklog;

/**
 * Loads drops shortly before they open and lucky packets as they are sent, closes both when they
 * end, and freezes and rebuilds a drop or a lucky packet that Redis lost. Every instance runs it;
 * the pool's row lock and the idempotent scripts make a second instance's run do nothing.
 */
@ApplicationScoped
public class PoolScheduler {
    private static final Logger LOG = Logger.getLogger(PoolScheduler.class);

    private final DropService drops;
    private final GroupPacketService groupPackets;
    private final RedpacketConfig config;
    private final PacketPools pools;
    private final LedgerBacklog ledgerBacklog;
    private final List<RecoverablePools> recoverable;

    public PoolScheduler(DropService drops, GroupPacketService groupPackets, RedpacketConfig config, PacketPools pools,
            LedgerBacklog ledgerBacklog) {
        this.drops = drops;
        this.groupPackets = groupPackets;
        this.config = config;
        this.pools = pools;
        this.ledgerBacklog = ledgerBacklog;
        this.recoverable = List.of(drops, groupPackets);
    }

    @Scheduled(every = "${pai.redpacket.scheduler-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    void tick() {
        Instant now = Instant.now();
        for (PacketDrop drop : drops.dueForLoading(now.plus(config.preload()))) {
            attempt("load", drop.id, () -> drops.load(drop.id));
        }
        for (PacketDrop drop : drops.dueForClosing(now)) {
            attempt("close", drop.id, () -> drops.close(drop.id));
        }
        recoverLostPools();
        for (GroupPacket packet : groupPackets.dueForLoading()) {
            attempt("load", packet.id, () -> groupPackets.load(packet.id));
        }
        for (GroupPacket packet : groupPackets.dueForClosing(now)) {
            attempt("close", packet.id, () -> groupPackets.close(packet.id));
        }
    }

    /**
     * Freezes every ACTIVE pool Redis lost, and once nothing is on its way to the ledger rebuilds the
     * frozen ones and refunds the CLOSING ones whose close entry Redis lost.
     */
    private void recoverLostPools() {
        Map<RecoverablePools, List<PacketPools.Pool>> frozen = new LinkedHashMap<>();
        for (RecoverablePools kind : recoverable) {
            for (PacketPools.Pool pool : kind.active()) {
                if (!pools.isIntact(pool)) {
                    attempt("freeze", pool.id(), () -> kind.freezeIfLost(pool.id()));
                }
            }
            List<PacketPools.Pool> waiting = kind.frozen();
            if (!waiting.isEmpty()) {
                frozen.put(kind, waiting);
            }
        }
        Map<RecoverablePools, List<PacketPools.Pool>> closeLost = new LinkedHashMap<>();
        for (RecoverablePools kind : recoverable) {
            List<PacketPools.Pool> lost = kind.closing().stream().filter(pool -> !pools.isLoaded(pool.id())).toList();
            if (!lost.isEmpty()) {
                closeLost.put(kind, lost);
            }
        }
        if (frozen.isEmpty() && closeLost.isEmpty() || !streamDrained()) {
            return;
        }
        frozen.forEach((kind, waiting) -> waiting.forEach(pool -> attempt("rebuild", pool.id(), () -> kind.rebuild(pool.id()))));
        closeLost.forEach((kind, lost) -> lost.forEach(pool -> attempt("refund", pool.id(), () -> kind.refundIfCloseLost(pool.id()))));
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
