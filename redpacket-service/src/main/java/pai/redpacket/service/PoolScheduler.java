package pai.redpacket.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import pai.platform.messaging.UntilStarted;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.PacketDrop;

/**
 * Loads drops shortly before they open and closes them when they end. Every instance runs it;
 * the drop's row lock and the idempotent scripts make a second instance's run do nothing.
 */
@ApplicationScoped
public class DropScheduler {
    private static final Logger LOG = Logger.getLogger(DropScheduler.class);

    private final DropService drops;
    private final RedpacketConfig config;

    public DropScheduler(DropService drops, RedpacketConfig config) {
        this.drops = drops;
        this.config = config;
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
    }

    private static void attempt(String step, String dropId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not %s drop %s; the next tick tries again", step, dropId);
        }
    }
}
