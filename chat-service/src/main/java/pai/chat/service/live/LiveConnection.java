package pai.chat.service.live;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** One WebSocket connection on this instance: its user and what it is sent. */
final class LiveConnection {
    private static final Logger LOG = Logger.getLogger(LiveConnection.class);

    final String userId;
    final ConnectionFeed feed = new ConnectionFeed(this::send);
    private final WebSocketConnection socket;
    private long frameWindowStart = System.nanoTime();
    private int framesInWindow;

    LiveConnection(WebSocketConnection socket, String userId) {
        this.socket = socket;
        this.userId = userId;
    }

    String id() {
        return socket.id();
    }

    /** Counts a frame the client sent: false once more than {@code limit} came within one {@code window}. */
    synchronized boolean countClientFrame(int limit, Duration window) {
        long now = System.nanoTime();
        if (now - frameWindowStart >= window.toNanos()) {
            frameWindowStart = now;
            framesInWindow = 0;
        }
        return ++framesInWindow <= limit;
    }

    void send(String json) {
        socket.sendText(json).subscribe().with(done -> {
        }, failure -> LOG.debugf("push to %s failed: %s", socket.id(), failure.getMessage()));
    }

    void close(int code, String reason) {
        if (socket.isOpen()) {
            socket.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failure -> LOG.debugf("closing %s: %s", socket.id(), failure.getMessage()));
        }
    }
}
