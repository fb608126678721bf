package pai.chat.service.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Timer;
import pai.events.chat.ChatMessagePosted;

/** One pai on this instance: the connections subscribed to it, and its messages in seq order. */
final class PaiStream {
    final String paiId;
    final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
    private final SeqHoldBack order = new SeqHoldBack(this::push);
    private final GapFill gapFill;
    private final Timer deliveryLag;

    PaiStream(String paiId, GapFill gapFill, Timer deliveryLag) {
        this.paiId = paiId;
        this.gapFill = gapFill;
        this.deliveryLag = deliveryLag;
    }

    /** {@code local}: stored by this instance and committed, not yet through Kafka. */
    synchronized void offer(ChatMessagePosted posted, boolean local) {
        if (order.wants(posted.seq(), local) && order.offer(SeqFrame.of(posted))) {
            gapFill.schedule(this);
        }
    }

    /** A frame outside the seq order (a recall, a membership change, a session's state), to every connection. */
    void broadcast(String json) {
        connections.forEach(connection -> connection.send(json));
    }

    synchronized SeqHoldBack.Gap startFill() {
        return order.startFill();
    }

    synchronized void fillFailed() {
        order.fillFailed();
    }

    synchronized void fill(List<SeqFrame> frames) {
        order.fill(frames);
    }

    private void push(SeqFrame frame) {
        connections.forEach(connection -> connection.feed.deliver(paiId, frame));
        if (frame.createdAt() != null) {
            deliveryLag.record(Duration.between(frame.createdAt(), Instant.now()).abs());
        }
    }
}
