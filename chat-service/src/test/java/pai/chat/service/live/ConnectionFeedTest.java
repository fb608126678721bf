package pai.chat.service.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class ConnectionFeedTest {
    private static final String PAI = "p1";
    private static final String OTHER = "p2";

    private final List<String> sent = new ArrayList<>();
    private final ConnectionFeed feed = new ConnectionFeed(sent::add);

    @Test
    void afterTheGraceEachFrameGoesOutOnceAndNeverBehindALaterOne() {
        feed.subscribe(PAI);
        feed.deliver(PAI, frame(PAI, 2));
        feed.deliver(PAI, frame(PAI, 2));
        feed.deliver(PAI, frame(PAI, 1));
        feed.deliver(PAI, frame(PAI, 3));
        assertThat(sent).containsExactly(json(PAI, 2), json(PAI, 3));
    }

    @Test
    void liveFramesWaitDuringTheGraceAndGoOutInOrderWhenItEnds() {
        feed.holdLive(List.of(PAI));
        feed.subscribe(PAI);
        feed.deliver(PAI, frame(PAI, 5));
        feed.deliver(PAI, frame(PAI, 6));
        assertThat(sent).isEmpty();
        feed.endGrace();
        assertThat(sent).containsExactly(json(PAI, 5), json(PAI, 6));
        feed.deliver(PAI, frame(PAI, 6));
        feed.deliver(PAI, frame(PAI, 7));
        assertThat(sent).containsExactly(json(PAI, 5), json(PAI, 6), json(PAI, 7));
    }

    @Test
    void aResumeSendsTheReplayThenTheLiveFramesThatWaitedWithoutRepeatingOne() {
        feed.holdLive(List.of(PAI));
        feed.subscribe(PAI);
        feed.deliver(PAI, frame(PAI, 5));
        feed.startReplay(PAI);
        feed.deliver(PAI, frame(PAI, 6));
        long last = feed.finishReplay(PAI, 3, frames(PAI, 4, 5), true);
        assertThat(last).isEqualTo(6);
        assertThat(sent).containsExactly(json(PAI, 4), json(PAI, 5), json(PAI, 6));
        feed.deliver(PAI, frame(PAI, 6));
        assertThat(sent).hasSize(3);
    }

    @Test
    void theGraceDoesNotCutAReplayShort() {
        feed.holdLive(List.of(PAI, OTHER));
        feed.subscribe(PAI);
        feed.subscribe(OTHER);
        feed.startReplay(PAI);
        feed.deliver(PAI, frame(PAI, 9));
        feed.deliver(OTHER, frame(OTHER, 1));
        feed.endGrace();
        assertThat(sent).containsExactly(json(OTHER, 1));
        feed.finishReplay(PAI, 7, frames(PAI, 8), true);
        assertThat(sent).containsExactly(json(OTHER, 1), json(PAI, 8), json(PAI, 9));
    }

    @Test
    void aReplayThatStoppedShortDropsTheLiveFramesThatWaited() {
        feed.subscribe(PAI);
        feed.startReplay(PAI);
        feed.deliver(PAI, frame(PAI, 2000));
        long last = feed.finishReplay(PAI, 0, frames(PAI, LongStream.rangeClosed(1, 1000).toArray()), false);
        assertThat(last).isEqualTo(1000);
        assertThat(sent).hasSize(1000).endsWith(json(PAI, 1000)).doesNotContain(json(PAI, 2000));
        feed.deliver(PAI, frame(PAI, 2001));
        assertThat(sent).hasSize(1001).endsWith(json(PAI, 2001));
    }

    @Test
    void anEmptyReplayAnswersWithTheSeqTheClientHas() {
        feed.subscribe(PAI);
        feed.startReplay(PAI);
        assertThat(feed.finishReplay(PAI, 42, List.of(), true)).isEqualTo(42);
        feed.deliver(PAI, frame(PAI, 42));
        feed.deliver(PAI, frame(PAI, 43));
        assertThat(sent).containsExactly(json(PAI, 43));
    }

    @Test
    void nothingGoesOutForAPaiTheConnectionIsNotSubscribedTo() {
        feed.deliver(PAI, frame(PAI, 1));
        feed.subscribe(PAI);
        feed.deliver(PAI, frame(PAI, 2));
        feed.unsubscribe(PAI);
        feed.deliver(PAI, frame(PAI, 3));
        assertThat(sent).containsExactly(json(PAI, 2));
        assertThat(feed.subscribed(PAI)).isFalse();
        assertThat(feed.paiIds()).isEmpty();
    }

    @Test
    void aPaiJoinedAgainStartsAfresh() {
        feed.subscribe(PAI);
        feed.deliver(PAI, frame(PAI, 5));
        feed.unsubscribe(PAI);
        feed.subscribe(PAI);
        feed.deliver(PAI, frame(PAI, 3));
        assertThat(sent).containsExactly(json(PAI, 5), json(PAI, 3));
    }

    private static SeqFrame frame(String paiId, long seq) {
        return new SeqFrame(seq, json(paiId, seq), null);
    }

    private static List<SeqFrame> frames(String paiId, long... seqs) {
        return LongStream.of(seqs).mapToObj(seq -> frame(paiId, seq)).toList();
    }

    private static String json(String paiId, long seq) {
        return "{\"paiId\":\"" + paiId + "\",\"seq\":" + seq + "}";
    }
}
