package pai.redpacket.service;

import java.util.List;

/**
 * One kind of pool (drops, group lucky packets) as the scheduler keeps it whole when Redis loses
 * it: an ACTIVE pool that Redis no longer holds freezes (grabs answer 503 BUSY), and a frozen pool
 * is rebuilt from PostgreSQL by {@link PoolRebuilder} once the grab stream and the ledger's
 * backlog are drained. A CLOSING pool whose close entry Redis lost with the pool gets its refund
 * from the ledger instead. Every step holds the pool's row lock, so a second instance does nothing.
 */
public interface RecoverablePools {

    /** The pools PostgreSQL says Redis holds. */
    List<PacketPools.Pool> active();

    /** The pools waiting for a rebuild. */
    List<PacketPools.Pool> frozen();

    /** Freezes the pool if it is still ACTIVE and Redis lost it. */
    void freezeIfLost(String poolId);

    /** Rebuilds a frozen pool; only while no relayed grab is missing from the ledger. */
    void rebuild(String poolId);

    /** The pools closed in Redis whose refund has not come through the ledger yet. */
    List<PacketPools.Pool> closing();

    /**
     * Refunds a CLOSING pool whose close entry Redis lost (with the pool itself): what the ledger
     * has not granted goes back. Only while no relayed grab is missing from the ledger; a close
     * entry that reaches the ledger later finds the refund done and changes nothing.
     */
    void refundIfCloseLost(String poolId);
}
