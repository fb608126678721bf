package pai.chat.service.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import pai.chat.domain.Message;
import pai.chat.domain.Playback;
import pai.chat.service.live.LiveFrames.ErrorFrame;
import pai.chat.service.live.LiveFrames.MemberFrame;
import pai.chat.service.live.LiveFrames.MessageFrame;
import pai.chat.service.live.LiveFrames.ReadyFrame;
import pai.chat.service.live.LiveFrames.RecallFrame;
import pai.chat.service.live.LiveFrames.ResumedFrame;
import pai.chat.service.message.MessageHistory;
import pai.chat.service.message.MessageStored;
import pai.chat.service.pai.PaiService;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;
import pai.events.chat.MessageKind;

/**
 * Pushes what is stored to the WebSocket connections of this instance. Every instance reads all of
 * pai.chat.messages, so each pai's messages reach its members wherever they are connected. Per pai
 * the messages go out in seq order: a later seq waits until the earlier one arrives or, after
 * {@link #HOLD_BACK}, is read from the database. What this instance stores it pushes as soon as the
 * transaction commits ({@link #onStored}); the Kafka copy then finds it delivered.
 */
@ApplicationScoped
public class LiveDelivery {
    public static final int CLOSE_BAD_TOKEN = 4401;
    public static final int CLOSE_REMOVED = 4403;
    public static final int MAX_REPLAY = 1000;
    static final Duration HOLD_BACK = Duration.ofMillis(500);
    /**
     * How long a new connection's live frames wait for the client's resumes. A message committed
     * before the client connected can still be on its way through Kafka; without the wait it could
     * be pushed live ahead of the older ones the resume replays.
     */
    static final Duration RESUME_GRACE = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(LiveDelivery.class);

    private final PaiService pais;
    private final MessageHistory history;
    private final Timer deliveryLag;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<Session>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, PaiStream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "live-delivery");
        thread.setDaemon(true);
        return thread;
    });

    public LiveDelivery(PaiService pais, MessageHistory history, MeterRegistry registry) {
        this.pais = pais;
        this.history = history;
        this.deliveryLag = Timer.builder("pai.chat.delivery.lag")
                .description("Time from a message's creation to its push to this instance's connections")
                .publishPercentileHistogram()
                .register(registry);
        registry.gaugeMapSize("pai.chat.websocket.connections", List.of(), sessions);
    }

    /** Registers the connection for every pai of the user, then says so; closes it 4401 when the token expires. */
    public void register(WebSocketConnection connection, String userId, Instant expiresAt) {
        Session session = new Session(connection, userId);
        sessions.put(connection.id(), session);
        sessionsByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(session);
        List<String> paiIds = pais.paiIdsOf(userId);
        session.holdLive(paiIds);
        paiIds.forEach(paiId -> subscribe(session, paiId));
        session.send(LiveFrames.json(new ReadyFrame("ready", userId, paiIds)));
        timers.schedule(session::endGrace, RESUME_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        long untilExpiry = Duration.between(Instant.now(), expiresAt).toMillis();
        timers.schedule(() -> close(session, CLOSE_BAD_TOKEN, "token expired"), Math.max(0, untilExpiry), TimeUnit.MILLISECONDS);
    }

    public void unregister(String connectionId) {
        Session session = sessions.remove(connectionId);
        if (session == null) {
            return;
        }
        Set<Session> ofUser = sessionsByUser.get(session.userId);
        if (ofUser != null) {
            ofUser.remove(session);
        }
        session.paiIds().forEach(paiId -> unsubscribe(session, paiId));
    }

    /**
     * Replays what the connection missed in a pai (at most {@link #MAX_REPLAY}, oldest first). Live
     * messages arriving meanwhile wait and follow the replay, so the client sees one ordered run.
     */
    public void resume(String connectionId, String paiId, long afterSeq) {
        Session session = sessions.get(connectionId);
        if (session == null) {
            return;
        }
        if (!session.subscribed(paiId)) {
            if (!pais.isMember(paiId, session.userId)) {
                session.send(LiveFrames.json(new ErrorFrame("error", "NOT_A_MEMBER", paiId, "you are not a member of this pai")));
                return;
            }
            subscribe(session, paiId);
        }
        session.startReplay(paiId);
        var missed = history.replay(paiId, afterSeq, MAX_REPLAY);
        List<Frame> replay = missed.items().stream().map(m -> new Frame(m.seq, LiveFrames.json(MessageFrame.of(m)))).toList();
        long lastSeq = session.finishReplay(paiId, afterSeq, replay, !missed.hasMore());
        session.send(LiveFrames.json(new ResumedFrame("resumed", paiId, afterSeq, lastSeq, missed.hasMore())));
    }

    /** A message event from pai.chat.messages, as this instance's own consumer group reads it. */
    public void onPosted(String eventId, ChatMessagePosted posted) {
        PaiStream stream = streams.get(posted.paiId());
        if (stream == null) {
            return;
        }
        if (posted.kind() == MessageKind.RECALLED && !eventId.equals(posted.messageId())) {
            String frame = LiveFrames.json(RecallFrame.of(posted));
            stream.sessions.forEach(session -> session.send(frame));
            return;
        }
        stream.offer(posted, false);
    }

    /**
     * A message this instance stored, once its transaction has committed: pushed at once rather than
     * after the round trip through the outbox relay and Kafka, whose copy then finds it delivered. Only
     * into a stream that has delivered a seq here already, so that it knows which seq comes next and
     * holds this one back until the earlier ones arrive (from another instance they come through Kafka);
     * a new stream takes its first seq from Kafka, which brings each pai's messages in order.
     */
    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageStored stored) {
        PaiStream stream = streams.get(stored.posted().paiId());
        if (stream != null) {
            stream.offer(stored.posted(), true);
        }
    }

    /** A membership event: joins subscribe the user's connections, a removal closes them with 4403. */
    public void onMembership(MembershipChanged changed) {
        Set<Session> ofUser = sessionsByUser.getOrDefault(changed.userId(), Set.of());
        if (changed.member()) {
            ofUser.forEach(session -> subscribe(session, changed.paiId()));
        } else {
            for (Session session : ofUser) {
                unsubscribe(session, changed.paiId());
                if (changed.change() == MembershipChange.REMOVED) {
                    close(session, CLOSE_REMOVED, "removed from pai " + changed.paiId());
                }
            }
        }
        PaiStream stream = streams.get(changed.paiId());
        if (stream != null) {
            String frame = LiveFrames.json(new MemberFrame("member", changed.paiId(), changed.userId(), changed.role(),
                    changed.change()));
            stream.sessions.forEach(session -> session.send(frame));
        }
    }

    /** A session's new state, from any instance (Redis pub/sub): pushed to the pai's connections here. */
    public void onPlayback(Playback playback, long nowMs) {
        PaiStream stream = streams.get(playback.paiId());
        if (stream != null) {
            String frame = LiveFrames.json(LiveFrames.PlaybackFrame.of(playback, nowMs));
            stream.sessions.forEach(session -> session.send(frame));
        }
    }

    private void subscribe(Session session, String paiId) {
        session.subscribe(paiId);
        streams.computeIfAbsent(paiId, PaiStream::new).sessions.add(session);
    }

    private void unsubscribe(Session session, String paiId) {
        session.unsubscribe(paiId);
        streams.computeIfPresent(paiId, (id, stream) -> {
            stream.sessions.remove(session);
            return stream.sessions.isEmpty() ? null : stream;
        });
    }

    private void close(Session session, int code, String reason) {
        unregister(session.connection.id());
        if (session.connection.isOpen()) {
            session.connection.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failure -> LOG.debugf("closing %s: %s", session.connection.id(), failure.getMessage()));
        }
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }

    private record Frame(long seq, String json) {
    }

    /** One pai's live order on this instance: the next seq it expects and the later ones it holds back. */
    private final class PaiStream {
        final String paiId;
        final Set<Session> sessions = ConcurrentHashMap.newKeySet();
        private final TreeMap<Long, Frame> held = new TreeMap<>();
        private final Map<Long, Instant> createdAt = new HashMap<>();
        /** The last seq pushed; 0 until the first message after the stream was opened. */
        private long delivered;
        private boolean fillScheduled;

        PaiStream(String paiId) {
            this.paiId = paiId;
        }

        /** {@code local}: stored by this instance and committed, not yet through Kafka. */
        synchronized void offer(ChatMessagePosted posted, boolean local) {
            long seq = posted.seq();
            if (seq <= delivered || local && delivered == 0 || held.containsKey(seq)) {
                return;
            }
            String json = LiveFrames.json(MessageFrame.of(posted));
            Instant created = posted.createdAt();
            if (delivered != 0 && seq > delivered + 1) {
                held.put(seq, new Frame(seq, json));
                createdAt.put(seq, created);
                if (!fillScheduled) {
                    fillScheduled = true;
                    timers.schedule(this::fillGap, HOLD_BACK.toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            push(new Frame(seq, json), created);
            drainHeld();
        }

        private void push(Frame frame, Instant created) {
            delivered = frame.seq();
            sessions.forEach(session -> session.deliver(paiId, frame));
            if (created != null) {
                deliveryLag.record(Duration.between(created, Instant.now()).abs());
            }
        }

        private void drainHeld() {
            while (!held.isEmpty() && held.firstKey() == delivered + 1) {
                Frame next = held.pollFirstEntry().getValue();
                push(next, createdAt.remove(next.seq()));
            }
        }

        /** The earlier seqs did not arrive in time: read them from the database, where they are committed. */
        void fillGap() {
            long from;
            long to;
            synchronized (this) {
                fillScheduled = false;
                if (held.isEmpty()) {
                    return;
                }
                from = delivered;
                to = held.firstKey();
            }
            List<Message> missing;
            try {
                // A timer thread has no request context: the read needs its own (read-only) transaction.
                long after = from;
                int count = (int) Math.min(MAX_REPLAY, to - from - 1);
                missing = QuarkusTransaction.requiringNew().call(() -> history.replay(paiId, after, count).items());
            } catch (RuntimeException e) {
                LOG.warnf("cannot fill the gap %d..%d of pai %s yet: %s", from + 1, to - 1, paiId, e.getMessage());
                synchronized (this) {
                    fillScheduled = true;
                }
                timers.schedule(this::fillGap, HOLD_BACK.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            synchronized (this) {
                for (Message message : missing) {
                    if (message.seq == delivered + 1) {
                        push(new Frame(message.seq, LiveFrames.json(MessageFrame.of(message))), message.createdAt);
                    }
                }
                drainHeld();
            }
        }
    }

    /** One WebSocket connection: its user, its pais, and per pai the last seq pushed to it. */
    private static final class Session {
        final WebSocketConnection connection;
        final String userId;
        private final Set<String> paiIds = ConcurrentHashMap.newKeySet();
        private final Map<String, Long> lastSent = new HashMap<>();
        /** Pais whose live frames wait: being replayed, or in the grace after connecting. */
        private final Map<String, List<Frame>> waiting = new HashMap<>();
        private final Set<String> replaying = new HashSet<>();

        Session(WebSocketConnection connection, String userId) {
            this.connection = connection;
            this.userId = userId;
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
                    for (Frame frame : waiting.remove(paiId)) {
                        if (frame.seq() > last) {
                            send(frame.json());
                            last = frame.seq();
                        }
                    }
                    lastSent.put(paiId, last);
                }
            }
        }

        synchronized void deliver(String paiId, Frame frame) {
            List<Frame> queue = waiting.get(paiId);
            if (queue != null) {
                queue.add(frame);
            } else if (paiIds.contains(paiId) && frame.seq() > lastSent.getOrDefault(paiId, 0L)) {
                lastSent.put(paiId, frame.seq());
                send(frame.json());
            }
        }

        synchronized void startReplay(String paiId) {
            waiting.putIfAbsent(paiId, new ArrayList<>());
            replaying.add(paiId);
        }

        /** Sends the replay, then the live frames that waited (unless the replay stopped short); returns the last seq sent. */
        synchronized long finishReplay(String paiId, long afterSeq, List<Frame> replay, boolean complete) {
            List<Frame> queued = waiting.remove(paiId);
            replaying.remove(paiId);
            long last = afterSeq;
            for (Frame frame : replay) {
                send(frame.json());
                last = frame.seq();
            }
            if (complete && queued != null) {
                for (Frame frame : queued) {
                    if (frame.seq() > last) {
                        send(frame.json());
                        last = frame.seq();
                    }
                }
            }
            lastSent.put(paiId, last);
            return last;
        }

        void send(String json) {
            connection.sendText(json).subscribe().with(done -> {
            }, failure -> LOG.debugf("push to %s failed: %s", connection.id(), failure.getMessage()));
        }
    }
}
