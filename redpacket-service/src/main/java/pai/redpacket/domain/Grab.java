package pai.redpacket.domain;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import pai.events.redpacket.PoolKind;

/** A granted packet in the ledger: unique per (pool, user) and per (pool, packet index). */
@Entity
@Table(name = "grab")
public class Grab extends PanacheEntityBase {
    @Id
    public String grabId;
    @Enumerated(EnumType.STRING)
    public PoolKind poolKind;
    public String poolId;
    public String campaignId;
    public int packetIndex;
    public String userId;
    public long amountCents;
    public Instant grabbedAt;
    public Instant recordedAt;

    public static Optional<Grab> of(String poolId, String userId) {
        return find("poolId = ?1 and userId = ?2", poolId, userId).firstResultOptional();
    }

    public record Totals(long cents, long count) {
    }

    public static Totals ofCampaign(String campaignId) {
        Object[] row = getEntityManager()
                .createQuery("select coalesce(sum(g.amountCents), 0), count(g) from Grab g where g.campaignId = ?1",
                        Object[].class)
                .setParameter(1, campaignId).getSingleResult();
        return new Totals(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    public static Totals ofPool(String poolId) {
        Object[] row = getEntityManager()
                .createQuery("select coalesce(sum(g.amountCents), 0), count(g) from Grab g where g.poolId = ?1",
                        Object[].class)
                .setParameter(1, poolId).getSingleResult();
        return new Totals(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
}
