package pai.redpacket.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import pai.events.redpacket.PoolKind;

/** What was left in a pool at its close and went back; one row per pool at most. */
@Entity
@Table(name = "refund")
public class Refund extends PanacheEntityBase {
    @Id
    public String poolId;
    @Enumerated(EnumType.STRING)
    public PoolKind poolKind;
    public String campaignId;
    public long amountCents;
    public int packets;
    public Instant refundedAt;
}
