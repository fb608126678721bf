package pai.redpacket.service.pool;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import pai.events.redpacket.PoolKind;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.Pool;
import pai.redpacket.domain.PoolPackets;

/**
 * Restores a pool that Redis lost from PostgreSQL's truth, whatever its kind: its packets minus
 * the ledger's grabs, the ledger's grabs as claims, and the per-user counters of its scope (a
 * drop's campaign, a group packet itself) raised to what the ledger and the bonus records say.
 */
@ApplicationScoped
public class PoolRebuilder {
    private static final Logger LOG = Logger.getLogger(PoolRebuilder.class);

    private final PacketPools pools;
    private final EntityManager entityManager;

    public PoolRebuilder(PacketPools pools, EntityManager entityManager) {
        this.pools = pools;
        this.entityManager = entityManager;
    }

    /** Redis no longer holds the whole pool: its keys or its scope's counters are gone. */
    public boolean isLost(Pool pool) {
        return !pools.isIntact(pool);
    }

    /**
     * Rebuilds a frozen pool; the caller holds its row lock, and the grab stream and the ledger's
     * backlog are drained, so the ledger has every grab Redis ever answered that survived. True
     * when Redis holds the pool again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean rebuild(Pool pool, Instant opensAt, Instant closesAt, int maxGrabsPerUser,
            int maxBonusGrabsPerUser, boolean paused) {
        Map<String, PacketPools.Claim> claims = new HashMap<>();
        for (Grab grab : Grab.<Grab>list("poolId", pool.id())) {
            claims.put(grab.userId, new PacketPools.Claim(grab.grabId, grab.packetIndex, grab.amountCents, grab.grabbedAt));
        }
        boolean drop = pool.kind() == PoolKind.DROP;
        Map<String, Long> grabsPerUser = perUser("select user_id, count(*) from grab where "
                + (drop ? "campaign_id" : "pool_id") + " = ?1 group by user_id", pool.scope());
        Map<String, Long> bonusPerUser = drop
                ? perUser("select user_id, least(sum(grabs), " + maxBonusGrabsPerUser
                        + ") from bonus_grant where campaign_id = ?1 group by user_id", pool.scope())
                : Map.of();
        boolean rebuilt = pools.rebuild(pool, PoolPackets.<PoolPackets>findById(pool.id()).amounts, claims, opensAt,
                closesAt, maxGrabsPerUser, paused, grabsPerUser, bonusPerUser);
        if (rebuilt) {
            LOG.warnf("%s %s rebuilt from PostgreSQL with %d grabs", pool.kind(), pool.id(), claims.size());
        }
        return rebuilt;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> perUser(String sql, String scope) {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : (List<Object[]>) entityManager.createNativeQuery(sql).setParameter(1, scope).getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
