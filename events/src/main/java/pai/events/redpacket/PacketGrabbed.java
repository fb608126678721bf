package pai.events.redpacket;

import java.time.Instant;

import pai.events.EventData;

/**
 * A successful grab. {@code grabId} is unique per (pool, user) and per (pool, packetIndex); the
 * ledger inserts on it idempotently. Topic {@code pai.redpacket.grabs}, key userId so that one
 * hot drop spreads over all partitions.
 */
public record PacketGrabbed(
        String grabId,
        PoolKind poolKind,
        String poolId,
        String campaignId,
        String paiId,
        int packetIndex,
        String userId,
        long amountCents,
        Instant grabbedAt) implements EventData {

    @Override
    public String key() {
        return userId;
    }
}
