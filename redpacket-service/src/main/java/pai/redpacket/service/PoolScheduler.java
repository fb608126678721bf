package pai.redpacket.service;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import pai.platform.messaging.UntilStarted;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.GroupPacket;
import pai.redpacket.domain.PacketDrop;

/**
 * Loads drops shortly before they open and lucky packets as they are sent, and closes both when
 * they end. Every instance runs it;
 * the drop's row lock and the idempotent scripts make a second instance's run do nothing.
 */
@ApplicationScoped
public class PoolScheduler {
    private static final Logger LOG = Logger.getLogger(PoolScheduler.class);

    private final DropService drops;
    private final GroupPacketService groupPackets;
    private final RedpacketConfig config;
    /** A plain thread: a context-propagating executor would carry the finished transaction along. */
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> new Thread(r, "group-packet-loader"));

    public PoolScheduler(DropService drops, GroupPacketService groupPackets, RedpacketConfig config) {
        this.drops = drops;
        this.groupPackets = groupPackets;
        this.config = config;
    }

    @PreDestroy
    void stop() {
        loader.shutdown();
    }

    /**
     * A sent lucky packet opens right after its transaction commits, not at the next tick; on
     * another thread, because no transaction can start while the sending one completes.
     */
    void onSent(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupPacketService.Sent sent) {
        loader.execute(() -> attempt("load", sent.packetId(), () -> groupPackets.load(sent.packetId())));
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
        for (GroupPacket packet : groupPackets.dueForLoading()) {
            attempt("load", packet.id, () -> groupPackets.load(packet.id));
        }
        for (GroupPacket packet : groupPackets.dueForClosing(now)) {
            attempt("close", packet.id, () -> groupPackets.close(packet.id));
        }
    }

    private static void attempt(String step, String poolId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not %s pool %s; the next tick tries again", step, poolId);
        }
    }
}
