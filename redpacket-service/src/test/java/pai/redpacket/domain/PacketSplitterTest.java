package pai.redpacket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PacketSplitterTest {
    private final SplittableRandom random = new SplittableRandom(20260201L);

    @Test
    void everyRandomSplitSumsExactlyGivesEveryPacketACentAndKeepsTheDoubleMeanBound() {
        for (int run = 0; run < 10_000; run++) {
            int count = 1 + random.nextInt(run % 10 == 0 ? 5_000 : 200);
            long amount = count + (random.nextBoolean() ? random.nextLong(100L * count) : random.nextLong(100_000_000_000L - count));
            SplitMode mode = run % 5 == 0 ? SplitMode.EVEN : SplitMode.RANDOM;

            long[] packets = PacketSplitter.split(amount, count, mode, random);

            assertThat(packets).hasSize(count);
            assertThat(Arrays.stream(packets).sum()).as("sum of %s cents in %s packets", amount, count).isEqualTo(amount);
            assertThat(Arrays.stream(packets).min().orElseThrow()).isGreaterThanOrEqualTo(1);
            long remaining = amount;
            for (int i = 0; i < count - 1; i++) {
                long twiceTheMean = 2 * (remaining / (count - i));
                if (mode == SplitMode.RANDOM) {
                    assertThat(packets[i]).as("packet %s of %s", i, count).isLessThanOrEqualTo(Math.max(1, twiceTheMean));
                }
                remaining -= packets[i];
            }
        }
    }

    @Test
    void evenSplitsDifferByAtMostOneCent() {
        long[] packets = PacketSplitter.split(1_000, 7, SplitMode.EVEN, random);
        assertThat(packets).containsExactly(143, 143, 143, 143, 143, 143, 142);
    }

    @Test
    void everyPositionHasTheSameExpectedAmount() {
        long amount = 10_000;
        int count = 10;
        double[] sums = new double[count];
        int splits = 10_000;
        for (int run = 0; run < splits; run++) {
            long[] packets = PacketSplitter.split(amount, count, SplitMode.RANDOM, random);
            for (int i = 0; i < count; i++) {
                sums[i] += packets[i];
            }
        }
        double expected = (double) amount / count;
        for (int i = 0; i < count; i++) {
            assertThat(sums[i] / splits).as("mean of position %s", i).isBetween(expected * 0.95, expected * 1.05);
        }
    }

    @Test
    void aSplitWithExactlyOneCentEachGivesOneCentEach() {
        assertThat(PacketSplitter.split(300, 300, SplitMode.RANDOM, random)).containsOnly(1L);
    }

    @Test
    void impossibleSplitsAreRejected() {
        assertThatThrownBy(() -> PacketSplitter.split(99, 100, SplitMode.RANDOM, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cent");
        assertThatThrownBy(() -> PacketSplitter.split(100, 0, SplitMode.RANDOM, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketSplitter.split(10_000_000, 1_000_001, SplitMode.EVEN, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
