package pai.chat.service.live;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.chat.domain.Message;
import pai.chat.service.message.MessageHistory;

/**
 * When a pai's stream holds a later seq back, the earlier ones are read from the database, where
 * they are committed, after {@link #HOLD_BACK} (unless they arrived by then); a failed read is
 * tried again as long after.
 */
@Singleton
class GapFill {
    static final Duration HOLD_BACK = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(GapFill.class);

    private final LiveTimers timers;
    private final MessageHistory history;

    GapFill(LiveTimers timers, MessageHistory history) {
        this.timers = timers;
        this.history = history;
    }

    void schedule(PaiStream stream) {
        timers.after(HOLD_BACK, () -> fill(stream));
    }

    private void fill(PaiStream stream) {
        SeqHoldBack.Gap gap = stream.startFill();
        if (gap == null) {
            return;
        }
        List<Message> missing;
        try {
            // A timer thread has no request context: the read needs its own (read-only) transaction.
            int count = (int) Math.min(LiveDelivery.MAX_REPLAY, gap.size());
            missing = QuarkusTransaction.requiringNew().call(() -> history.replay(stream.paiId, gap.afterSeq(), count).items());
        } catch (RuntimeException e) {
            LOG.warnf("cannot fill the gap %d..%d of pai %s yet: %s", gap.afterSeq() + 1, gap.beforeSeq() - 1, stream.paiId,
                    e.getMessage());
            stream.fillFailed();
            schedule(stream);
            return;
        }
        stream.fill(missing.stream().map(SeqFrame::of).toList());
    }
}
