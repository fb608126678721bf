package pai.chat.service.live;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Singleton;

import pai.chat.service.live.LiveFrames.ErrorFrame;
import pai.chat.service.live.LiveFrames.ResumedFrame;
import pai.chat.service.message.MessageHistory;
import pai.chat.service.pai.PaiService;

/**
 * The resume protocol: a client says the last seq it has of a pai and is sent what came after,
 * from the database; the pai's live frames wait behind the replay, so the client sees one ordered run.
 */
@Singleton
class Resumes {
    /**
     * How long a new connection's live frames wait for the client's resumes. A message committed
     * before the client connected can still be on its way through Kafka; without the wait it could
     * be pushed live ahead of the older ones the resume replays.
     */
    static final Duration RESUME_GRACE = Duration.ofSeconds(1);

    private final PaiService pais;
    private final MessageHistory history;
    private final PaiStreams streams;
    private final LiveTimers timers;

    Resumes(PaiService pais, MessageHistory history, PaiStreams streams, LiveTimers timers) {
        this.pais = pais;
        this.history = history;
        this.streams = streams;
        this.timers = timers;
    }

    /** A new connection's pais: their live frames wait for the client's resumes, {@link #RESUME_GRACE} at most. */
    void awaitResumes(LiveConnection connection, List<String> paiIds) {
        connection.feed.holdLive(paiIds);
        timers.after(RESUME_GRACE, connection.feed::endGrace);
    }

    /** Replays what the connection missed in a pai (at most {@link LiveDelivery#MAX_REPLAY}, oldest first). */
    void resume(LiveConnection connection, String paiId, long afterSeq) {
        if (!connection.feed.subscribed(paiId)) {
            if (!pais.isMember(paiId, connection.userId)) {
                connection.send(LiveFrames.json(new ErrorFrame("error", "NOT_A_MEMBER", paiId, "you are not a member of this pai")));
                return;
            }
            streams.subscribe(connection, paiId);
        }
        connection.feed.startReplay(paiId);
        var missed = history.replay(paiId, afterSeq, LiveDelivery.MAX_REPLAY);
        List<SeqFrame> replay = missed.items().stream().map(SeqFrame::of).toList();
        long lastSeq = connection.feed.finishReplay(paiId, afterSeq, replay, !missed.hasMore());
        connection.send(LiveFrames.json(new ResumedFrame("resumed", paiId, afterSeq, lastSeq, missed.hasMore())));
    }
}
