package pai.redpacket.service.grab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GrabQueueTest {

    @Test
    void aQuietPoolSendsEachGrabAtOnce() {
        GrabQueue<String> queue = new GrabQueue<>(2, 100);

        assertThat(queue.add("a")).containsExactly("a");
        assertThat(queue.add("b")).containsExactly("b");
        assertThat(queue.done()).isNull();
        assertThat(queue.done()).isNull();
        assertThat(queue.idle()).isTrue();
    }

    @Test
    void grabsArrivingWhileCallsAreOutGoTogetherInArrivalOrder() {
        GrabQueue<String> queue = new GrabQueue<>(1, 100);
        assertThat(queue.add("a")).containsExactly("a");

        assertThat(queue.add("b")).isNull();
        assertThat(queue.add("c")).isNull();
        assertThat(queue.add("d")).isNull();
        assertThat(queue.idle()).isFalse();

        assertThat(queue.done()).containsExactly("b", "c", "d");
        assertThat(queue.done()).isNull();
        assertThat(queue.idle()).isTrue();
    }

    @Test
    void aBatchHoldsAtMostMaxBatchAndTheRestGoesNext() {
        GrabQueue<Integer> queue = new GrabQueue<>(1, 3);
        queue.add(0);
        for (int i = 1; i <= 7; i++) {
            assertThat(queue.add(i)).isNull();
        }

        assertThat(queue.done()).containsExactly(1, 2, 3);
        assertThat(queue.done()).containsExactly(4, 5, 6);
        assertThat(queue.done()).containsExactly(7);
        assertThat(queue.done()).isNull();
        assertThat(queue.idle()).isTrue();
    }

    @Test
    void neverMoreCallsInFlightThanAllowed() {
        GrabQueue<String> queue = new GrabQueue<>(2, 10);
        List<String> first = queue.add("a");
        List<String> second = queue.add("b");
        List<String> third = queue.add("c");

        assertThat(first).containsExactly("a");
        assertThat(second).containsExactly("b");
        assertThat(third).isNull();
        assertThat(queue.done()).containsExactly("c");
        assertThat(queue.idle()).isFalse();
    }
}
