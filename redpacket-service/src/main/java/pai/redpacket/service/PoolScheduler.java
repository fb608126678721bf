package pai.redpacket.service;

import java.time.Instant;
import java.util.List;

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
 * end, and freezes and rebuilds a drop that Redis lost. Every instance runs it;
 * the drop's row lock and the idempotent scripts make a second instance's run do nothing.
 */
@ApplicationScoped
public class PoolScheduler {
    private static final Logger LOG = Logger.getLogger(PoolScheduler.class);

    private final DropService drops;
    private final GroupPacketService groupPackets;
    private final RedpacketConfig config;
    private final PacketPools pools;
    private final LedgerBacklog ledgerBacklog;

    public PoolScheduler(DropService drops, GroupPacketService groupPackets, RedpacketConfig config, PacketPools pools,
            LedgerBacklog ledgerBacklog) {
        this.drops = drops;
        this.groupPackets = groupPackets;
        this.config = config;
        this.pools = pools;
        this.ledgerBacklog = ledgerBacklog;
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
        for (PacketDrop drop : drops.active()) {
            if (!pools.isIntact(DropService.poolOf(drop))) {
                attempt("freeze", drop.id, () -> drops.freezeIfLost(drop.id));
            }
        }
        List<PacketDrop> frozen = drops.frozen();
        if (!frozen.isEmpty() && streamDrained()) {
            for (PacketDrop drop : frozen) {
                attempt("rebuild", drop.id, () -> drops.rebuild(drop.id));
            }
        }
        for (GroupPacket packet : groupPackets.dueForLoading()) {
            attempt("load", packet.id, () -> groupPackets.load(packet.id));
        }
        for (GroupPacket packet : groupPackets.dueForClosing(now)) {
            attempt("close", packet.id, () -> groupPackets.close(packet.id));
        }
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
