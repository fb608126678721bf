package pai.redpacket.service.pool;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import pai.redpacket.domain.Grab;
import pai.redpacket.domain.Ledger;
import pai.redpacket.domain.PacketPool;
import pai.redpacket.domain.Pool;
import pai.redpacket.domain.PoolPackets;
import pai.redpacket.domain.PoolStatus;

/**
 * The one state machine of every pool, a drop's or a lucky packet's (docs/architecture.md):
 * SCHEDULED until Redis holds it, ACTIVE while grabbable, CLOSING once the close script ran, CLOSED
 * when refunded; FROZEN while Redis lost it. Every step holds the pool's row lock, so two instances
 * never interleave, and a step that finds the pool past it does nothing.
 */
@ApplicationScoped
public class PoolLifecycle {
    private static final Logger LOG = Logger.getLogger(PoolLifecycle.class);

    private final PacketPools pools;
    private final PoolRebuilder rebuilder;
    private final Ledger ledger;

    public PoolLifecycle(PacketPools pools, PoolRebuilder rebuilder, Ledger ledger) {
        this.pools = pools;
        this.rebuilder = rebuilder;
        this.ledger = ledger;
    }

    /** Copies a scheduled pool into Redis and turns it ACTIVE; a no-op for one that is no longer SCHEDULED. */
    @Transactional
    public <P extends PacketPool> void load(PoolKindRules<P> rules, String poolId) {
        P pool = rules.lock(poolId);
        if (pool == null || pool.status != PoolStatus.SCHEDULED) {
            return;
        }
        PoolKindRules.Limits limits = rules.limits(pool);
        PoolPackets packets = PoolPackets.findById(poolId);
        if (pools.load(pool.pool(), packets.amounts, pool.opensAt(), pool.closesAt(), limits.maxGrabsPerUser(),
                pool.amountCents(), limits.paused())) {
            pool.status = PoolStatus.ACTIVE;
            rules.activated(pool);
        }
    }

    /** Closes a pool at its end or on cancel: grabs stop, and the remainder goes back exactly once. */
    @Transactional
    public <P extends PacketPool> void close(PoolKindRules<P> rules, String poolId) {
        P pool = rules.lock(poolId);
        if (pool == null || pool.status == PoolStatus.CLOSING || pool.status == PoolStatus.CLOSED) {
            return;
        }
        PacketPools.Closed closed = pools.close(pool.pool());
        if (closed.closedNow() || pools.isLoaded(poolId)) {
            // The close entry is in the stream; the ledger refunds it and marks the pool CLOSED.
            pool.status = PoolStatus.CLOSING;
        } else if (pool.status == PoolStatus.SCHEDULED) {
            // Never loaded, and the row lock keeps the loader out: all of it goes back now.
            refund(rules, pool, pool.amountCents(), pool.packetCount);
        } else {
            LOG.errorf("%s %s is %s but Redis does not hold it; it closes once it is rebuilt", rules.kind(), poolId,
                    pool.status);
            return;
        }
        pool.closedAt = Instant.now();
    }

    /** A pool's close came through the stream: refund what was left, once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends PacketPool> void refundClosed(PoolKindRules<P> rules, String poolId, long amountCents, int packets) {
        P pool = rules.lock(poolId);
        if (pool != null) {
            refund(rules, pool, amountCents, packets);
        }
    }

    /** The refund row makes a repeat do nothing. */
    private <P extends PacketPool> void refund(PoolKindRules<P> rules, P pool, long amountCents, int packets) {
        if (ledger.recordRefund(pool.id, rules.kind().name(), rules.refundCampaign(pool), amountCents, packets,
                Instant.now())) {
            rules.returnRemainder(pool, amountCents);
        }
        pool.status = PoolStatus.CLOSED;
    }

    public <P extends PacketPool> List<Pool> inStatus(PoolKindRules<P> rules, PoolStatus status) {
        return rules.inStatus(status).stream().map(PacketPool::pool).toList();
    }

    /** An ACTIVE pool that Redis no longer holds freezes: grabs wait (503) until it is rebuilt. */
    @Transactional
    public <P extends PacketPool> void freezeIfLost(PoolKindRules<P> rules, String poolId) {
        P pool = rules.lock(poolId);
        if (pool != null && pool.status == PoolStatus.ACTIVE && rebuilder.isLost(pool.pool())) {
            LOG.errorf("Redis lost %s %s; it is frozen until the ledger has every relayed grab", rules.kind(), poolId);
            pool.status = PoolStatus.FROZEN;
        }
    }

    /**
     * Rebuilds a frozen pool from PostgreSQL with its limits as they are now; only while no relayed
     * grab is missing from the ledger (the scheduler sees to that).
     */
    @Transactional
    public <P extends PacketPool> void rebuild(PoolKindRules<P> rules, String poolId) {
        P pool = rules.lock(poolId);
        if (pool == null || pool.status != PoolStatus.FROZEN) {
            return;
        }
        PoolKindRules.Limits limits = rules.limits(pool);
        if (rebuilder.rebuild(pool.pool(), pool.opensAt(), pool.closesAt(), limits.maxGrabsPerUser(),
                limits.maxBonusGrabsPerUser(), limits.paused())) {
            pool.status = PoolStatus.ACTIVE;
        }
    }

    /**
     * Refunds a CLOSING pool whose close entry Redis lost (with the pool itself): what the ledger
     * has not granted goes back. Only while no relayed grab is missing from the ledger; a close
     * entry that reaches the ledger later finds the refund done and changes nothing.
     */
    @Transactional
    public <P extends PacketPool> void refundIfCloseLost(PoolKindRules<P> rules, String poolId) {
        P pool = rules.lock(poolId);
        if (pool == null || pool.status != PoolStatus.CLOSING || pools.isLoaded(poolId)) {
            return;
        }
        Grab.Totals granted = Grab.ofPool(poolId);
        LOG.errorf("Redis lost the close of %s %s; refunding what the ledger did not grant", rules.kind(), poolId);
        refund(rules, pool, pool.amountCents() - granted.cents(), pool.packetCount - (int) granted.count());
    }
}
