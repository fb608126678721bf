package pai.chat.service.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What one connection is sent, pai by pai: its pais, and of each the last seq sent, so that a frame
 * goes out once and never behind a later one. A pai's live frames wait while it is replayed and in
 * the grace after connecting, then follow in order.
 */
final class ConnectionFeed {
    private final Consumer<String> send;
    private final Set<String> paiIds = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastSent = new HashMap<>();
    /** Pais whose live frames wait: being replayed, or in the grace after connecting. */
    private final Map<String, List<SeqFrame>> waiting = new HashMap<>();
    private final Set<String> replaying = new HashSet<>();

    ConnectionFeed(Consumer<String> send) {
        this.send = send;
    }

    Set<String> paiIds() {
        return new HashSet<>(paiIds);
    }

    boolean subscribed(String paiId) {
        return paiIds.contains(paiId);
    }

    void subscribe(String paiId) {
        paiIds.add(paiId);
    }

    synchronized void unsubscribe(String paiId) {
        paiIds.remove(paiId);
        lastSent.remove(paiId);
        waiting.remove(paiId);
        replaying.remove(paiId);
    }

    synchronized void holdLive(List<String> pais) {
        pais.forEach(paiId -> waiting.putIfAbsent(paiId, new ArrayList<>()));
    }

    /** The client did not resume these pais in time: what waited goes out, in order. */
    synchronized void endGrace() {
        for (String paiId : List.copyOf(waiting.keySet())) {
            if (!replaying.contains(paiId)) {
                long last = lastSent.getOrDefault(paiId, 0L);
                for (SeqFrame frame : waiting.remove(paiId)) {
                    if (frame.seq() > last) {
                        send.accept(frame.json());
                        last = frame.seq();
                    }
                }
                lastSent.put(paiId, last);
            }
        }
    }

    synchronized void deliver(String paiId, SeqFrame frame) {
        List<SeqFrame> queue = waiting.get(paiId);
        if (queue != null) {
            queue.add(frame);
        } else if (paiIds.contains(paiId) && frame.seq() > lastSent.getOrDefault(paiId, 0L)) {
            lastSent.put(paiId, frame.seq());
            send.accept(frame.json());
        }
    }

    synchronized void startReplay(String paiId) {
        waiting.putIfAbsent(paiId, new ArrayList<>());
        replaying.add(paiId);
    }

    /** Sends the replay, then the live frames that waited (unless the replay stopped short); returns the last seq sent. */
    synchronized long finishReplay(String paiId, long afterSeq, List<SeqFrame> replay, boolean complete) {
        List<SeqFrame> queued = waiting.remove(paiId);
        replaying.remove(paiId);
        long last = afterSeq;
        for (SeqFrame frame : replay) {
            send.accept(frame.json());
            last = frame.seq();
        }
        if (complete && queued != null) {
            for (SeqFrame frame : queued) {
                if (frame.seq() > last) {
                    send.accept(frame.json());
                    last = frame.seq();
                }
            }
        }
        lastSent.put(paiId, last);
        return last;
    }
}
