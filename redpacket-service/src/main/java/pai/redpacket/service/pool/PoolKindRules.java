package pai.redpacket.service.pool;

import java.time.Instant;
import java.util.List;

import pai.events.redpacket.PoolKind;
import pai.redpacket.domain.PacketPool;
import pai.redpacket.domain.PoolStatus;

/**
 * What {@link PoolLifecycle} needs to know of one kind of pool (a campaign's drops, lucky packets
 * in a pai): how to find and lock one, which are due, the limits it opens with, and where its
 * remainder goes. Everything else about loading, closing, freezing and rebuilding is the same.
 */
public interface PoolKindRules<P extends PacketPool> {

    /** A pool's grab limits as Redis enforces them, and whether it opens paused. */
    record Limits(int maxGrabsPerUser, int maxBonusGrabsPerUser, boolean paused) {
    }

    PoolKind kind();

    /** The pool, or its kind's 404. */
    P find(String poolId);

    /** The pool under its row lock, so that loading, closing and recovering it never interleave; null when none. */
    P lock(String poolId);

    List<P> inStatus(PoolStatus status);

    List<P> dueForLoading(Instant now);

    List<P> dueForClosing(Instant now);

    /** Read under the pool's lock, as it is to open or be rebuilt now. */
    Limits limits(P pool);

    /** The pool is in Redis and grabbable: tell whoever needs to know. */
    void activated(P pool);

    /** The campaign whose budget the refund returns to, or null when it goes to a wallet. */
    String refundCampaign(P pool);

    /** The ledger took the refund just now: return the remainder where it came from and announce it. */
    void returnRemainder(P pool, long amountCents);
}
