package pai.chat.service.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class SeqHoldBackTest {
    private final List<Long> released = new ArrayList<>();
    private final SeqHoldBack order = new SeqHoldBack(frame -> released.add(frame.seq()));

    @Test
    void theFirstSeqStartsTheOrderAndTheNextOnesGoOutAtOnce() {
        offer(57);
        offer(58);
        offer(59);
        assertThat(released).containsExactly(57L, 58L, 59L);
        assertThat(order.startFill()).isNull();
    }

    @Test
    void outOfOrderSeqsAreReleasedInSeqOrder() {
        offer(1);
        offer(4);
        offer(3);
        assertThat(released).containsExactly(1L);
        offer(2);
        offer(6);
        offer(5);
        assertThat(released).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aGapIsHeldUntilTheMissingSeqArrives() {
        offer(10);
        offer(12);
        offer(13);
        assertThat(released).containsExactly(10L);
        offer(11);
        assertThat(released).containsExactly(10L, 11L, 12L, 13L);
    }

    @Test
    void aGapIsHeldUntilTheGapFillBringsTheMissingSeqs() {
        offer(10);
        offer(14);
        assertThat(order.startFill()).isEqualTo(new SeqHoldBack.Gap(10, 14));
        assertThat(new SeqHoldBack.Gap(10, 14).size()).isEqualTo(3);
        order.fill(frames(11, 12, 13));
        assertThat(released).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(order.startFill()).isNull();
    }

    @Test
    void aGapFillWithoutTheNextSeqLeavesTheGapHeldUntilItArrives() {
        offer(10);
        offer(13);
        order.startFill();
        order.fill(frames(12));
        assertThat(released).containsExactly(10L);
        assertThat(order.startFill()).isEqualTo(new SeqHoldBack.Gap(10, 13));
        offer(11);
        offer(12);
        assertThat(released).containsExactly(10L, 11L, 12L, 13L);
    }

    @Test
    void aGapFillThatBringsOnlyPartOfTheGapReleasesThatPartAndHoldsTheRest() {
        offer(1);
        offer(6);
        order.startFill();
        order.fill(frames(2, 3));
        assertThat(released).containsExactly(1L, 2L, 3L);
        assertThat(order.startFill()).isEqualTo(new SeqHoldBack.Gap(3, 6));
        order.fill(frames(4, 5));
        assertThat(released).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aSeqHeldWhileTheGapFillReadsItIsDroppedOnceTheFillReleasesIt() {
        offer(5);
        offer(8);
        assertThat(order.startFill()).isEqualTo(new SeqHoldBack.Gap(5, 8));
        offer(7); // arrives live while the fill reads 6 and 7
        order.fill(frames(6, 7));
        assertThat(released).containsExactly(5L, 6L, 7L, 8L);
        assertThat(order.startFill()).as("nothing is left held").isNull();
        offer(9);
        assertThat(released).containsExactly(5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void duplicatesAreDropped() {
        offer(1);
        offer(2);
        offer(4);
        assertThat(order.wants(1, false)).isFalse();
        assertThat(order.wants(2, false)).isFalse();
        assertThat(order.wants(4, false)).isFalse();
        assertThat(order.wants(3, false)).isTrue();
        offer(2);
        offer(4);
        offer(3);
        offer(3);
        assertThat(released).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aFrameThisInstanceStoredWaitsUntilTheOrderHasStarted() {
        assertThat(order.wants(5, true)).isFalse();
        offer(5);
        assertThat(order.wants(6, true)).isTrue();
        assertThat(order.wants(5, true)).isFalse();
    }

    @Test
    void oneGapFillIsScheduledAtATimeAndAFailedOneKeepsItsTurn() {
        offer(1);
        assertThat(order.offer(frame(3))).as("the first frame held asks for a fill").isTrue();
        assertThat(order.offer(frame(4))).as("a fill is pending").isFalse();
        order.startFill();
        assertThat(order.offer(frame(5))).as("the fill has run").isTrue();
        order.startFill();
        order.fillFailed();
        assertThat(order.offer(frame(6))).as("the failed fill tries again by itself").isFalse();
        order.startFill();
        order.fill(frames(2));
        assertThat(released).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aLongRunHeldBehindOneGapGoesOutInOrderOnceTheGapCloses() {
        offer(1);
        LongStream.rangeClosed(3, 1000).map(seq -> 1003 - seq).forEach(this::offer);
        assertThat(released).containsExactly(1L);
        offer(2);
        assertThat(released).isEqualTo(LongStream.rangeClosed(1, 1000).boxed().toList());
    }

    private void offer(long seq) {
        if (order.wants(seq, false)) {
            order.offer(frame(seq));
        }
    }

    private static SeqFrame frame(long seq) {
        return new SeqFrame(seq, "{\"seq\":" + seq + "}", null);
    }

    private static List<SeqFrame> frames(long... seqs) {
        return LongStream.of(seqs).mapToObj(SeqHoldBackTest::frame).toList();
    }
}
