package pai.redpacket.domain;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import pai.events.redpacket.PacketGrabbed;

/**
 * The inserts that must happen exactly once, written as single statements that say whether they
 * did anything: a redelivered grab or refund changes nothing.
 */
@ApplicationScoped
public class Ledger {
    private final EntityManager entityManager;

    public Ledger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** True when the grab was not yet in the ledger and is now. */
    public boolean record(PacketGrabbed grab) {
        return entityManager.createNativeQuery("""
                insert into grab (grab_id, pool_kind, pool_id, campaign_id, packet_index, user_id, amount_cents,
                                  grabbed_at, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now())
                on conflict do nothing""")
                .setParameter(1, grab.grabId())
                .setParameter(2, grab.poolKind().name())
                .setParameter(3, grab.poolId())
                .setParameter(4, grab.campaignId())
                .setParameter(5, grab.packetIndex())
                .setParameter(6, grab.userId())
                .setParameter(7, grab.amountCents())
                .setParameter(8, grab.grabbedAt())
                .executeUpdate() == 1;
    }

    /** True when this pool had no refund yet and now has this one. */
    public boolean recordRefund(String poolId, String poolKind, String campaignId, long amountCents, int packets,
            Instant at) {
        return entityManager.createNativeQuery("""
                insert into refund (pool_id, pool_kind, campaign_id, amount_cents, packets, refunded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict do nothing""")
                .setParameter(1, poolId)
                .setParameter(2, poolKind)
                .setParameter(3, campaignId)
                .setParameter(4, amountCents)
                .setParameter(5, packets)
                .setParameter(6, at)
                .executeUpdate() == 1;
    }
}
