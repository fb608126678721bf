package pai.chat.service.live;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.quarkus.websockets.next.WebSocketConnection;
import pai.chat.config.ChatConfig;
import pai.chat.service.live.LiveFrames.ReadyFrame;
import pai.chat.service.live.LiveFrames.RecallFrame;
import pai.chat.service.message.MessageStored;
import pai.chat.service.pai.PaiService;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MessageKind;

/**
 * Pushes what is stored to the WebSocket connections of this instance: the socket registers and
 * resumes here, the message consumer delivers here (a closed socket goes straight to
 * {@link LiveConnections}, a membership event to {@link MembershipChanges}). Every instance reads
 * all of pai.chat.messages, so each pai's messages reach its members wherever they are connected;
 * per pai they go out in seq order ({@link SeqHoldBack}, with {@link GapFill} reading from the
 * database what is late). What this instance stores it pushes as soon as the transaction commits
 * ({@link #onStored}); the Kafka copy then finds it delivered. The parts behind it are
 * {@code @Singleton}s: no client proxy on the way of every frame.
 */
@ApplicationScoped
public class LiveDelivery {
    public static final int CLOSE_BAD_TOKEN = 4401;
    public static final int CLOSE_REMOVED = 4403;
    /** A client that sends more frames than any app does (ChatConfig#clientFramesPerWindow). */
    public static final int CLOSE_TOO_MANY_FRAMES = 4429;
    /** The most messages read from the database at once, by a resume or a gap fill. */
    public static final int MAX_REPLAY = 1000;

    private final PaiService pais;
    private final LiveConnections connections;
    private final PaiStreams streams;
    private final Resumes resumes;
    private final TokenExpiry tokenExpiry;
    private final ChatConfig config;

    public LiveDelivery(PaiService pais, LiveConnections connections, PaiStreams streams, Resumes resumes,
            TokenExpiry tokenExpiry, ChatConfig config) {
        this.pais = pais;
        this.connections = connections;
        this.streams = streams;
        this.resumes = resumes;
        this.tokenExpiry = tokenExpiry;
        this.config = config;
    }

    /** Registers the connection for every pai of the user, then says so; closes it 4401 when the token expires. */
    public void register(WebSocketConnection socket, String userId, Instant expiresAt) {
        LiveConnection connection = connections.add(socket, userId);
        List<String> paiIds = pais.paiIdsOf(userId);
        resumes.awaitResumes(connection, paiIds);
        paiIds.forEach(paiId -> streams.subscribe(connection, paiId));
        connection.send(LiveFrames.json(new ReadyFrame("ready", userId, paiIds)));
        tokenExpiry.closeWhenExpired(connection, expiresAt);
    }

    /**
     * Counts a frame the client sent. Past the limit the connection closes with 4429 and the frame is dropped, so
     * that one client's flood of resumes cannot keep the database from the others.
     */
    public boolean admitClientFrame(String connectionId) {
        LiveConnection connection = connections.get(connectionId);
        if (connection == null) {
            return false;
        }
        if (connection.countClientFrame(config.clientFramesPerWindow(), config.clientFrameWindow())) {
            return true;
        }
        connections.close(connection, CLOSE_TOO_MANY_FRAMES, "more than " + config.clientFramesPerWindow() + " frames in "
                + config.clientFrameWindow().toSeconds() + " s");
        return false;
    }

    /** The client's {@code resume}: see {@link Resumes}. */
    public void resume(String connectionId, String paiId, long afterSeq) {
        LiveConnection connection = connections.get(connectionId);
        if (connection != null) {
            resumes.resume(connection, paiId, afterSeq);
        }
    }

    /** A message event from pai.chat.messages, as this instance's own consumer group reads it. */
    public void onPosted(String eventId, ChatMessagePosted posted) {
        PaiStream stream = streams.get(posted.paiId());
        if (stream == null) {
            return;
        }
        if (posted.kind() == MessageKind.RECALLED && !eventId.equals(posted.messageId())) {
            stream.broadcast(LiveFrames.json(RecallFrame.of(posted)));
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
}
