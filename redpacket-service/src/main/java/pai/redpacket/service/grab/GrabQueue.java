package pai.redpacket.service.grab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The batcher's decisions for one pool, without threads or Redis: a grab goes out at once while
 * fewer than {@code maxInFlight} calls are waiting on Redis; otherwise it waits, and the call that
 * comes back takes everything queued by then, up to {@code maxBatch}, in arrival order. Not
 * thread-safe: its owner holds a lock around each call.
 */
final class GrabQueue<T> {
    private final int maxInFlight;
    private final int maxBatch;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private int inFlight;

    GrabQueue(int maxInFlight, int maxBatch) {
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
    }

    /** Queues the grab; the batch to send now, or null when it must wait for a call to come back. */
    List<T> add(T grab) {
        waiting.add(grab);
        return takeBatch();
    }

    /** A call came back: the next batch to send, or null. */
    List<T> done() {
        inFlight--;
        return takeBatch();
    }

    /** Nothing waits and nothing is on its way to Redis. */
    boolean idle() {
        return inFlight == 0 && waiting.isEmpty();
    }

    private List<T> takeBatch() {
        if (waiting.isEmpty() || inFlight >= maxInFlight) {
            return null;
        }
        int size = Math.min(waiting.size(), maxBatch);
        List<T> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(waiting.poll());
        }
        inFlight++;
        return batch;
    }
}
