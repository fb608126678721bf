package pai.redpacket.domain;

import java.util.random.RandomGenerator;

/**
 * Splits an amount into packets. RANDOM follows the double-mean rule: each packet is drawn
 * uniformly between 1 cent and twice the mean of what remains (never leaving less than 1 cent for
 * each later packet), so every position has the same expected amount; the last takes the rest.
 */
public final class PacketSplitter {
    public static final int MAX_PACKETS = 1_000_000;

    private PacketSplitter() {
    }

    public static long[] split(long amountCents, int count, SplitMode mode, RandomGenerator random) {
        if (count < 1 || count > MAX_PACKETS) {
            throw new IllegalArgumentException("count must be 1.." + MAX_PACKETS);
        }
        if (amountCents < count) {
            throw new IllegalArgumentException("every packet needs at least 1 cent");
        }
        long[] packets = new long[count];
        if (mode == SplitMode.EVEN) {
            long each = amountCents / count;
            long extra = amountCents % count;
            for (int i = 0; i < count; i++) {
                packets[i] = each + (i < extra ? 1 : 0);
            }
            return packets;
        }
        long remaining = amountCents;
        for (int i = 0; i < count - 1; i++) {
            int left = count - i;
            long upper = Math.min(2 * (remaining / left), remaining - (left - 1));
            packets[i] = upper <= 1 ? 1 : 1 + random.nextLong(upper);
            remaining -= packets[i];
        }
        packets[count - 1] = remaining;
        return packets;
    }
}
