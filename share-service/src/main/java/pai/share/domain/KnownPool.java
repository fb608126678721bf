package pai.share.domain;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.RedPacketLifecycle;

/** A drop or a group lucky packet, as its latest lifecycle event said: what a DROP or PACKET share names. */
@Entity
@Table(name = "known_pool")
public class KnownPool extends PanacheEntityBase {
    @Id
    public String poolId;
    @Enumerated(EnumType.STRING)
    public PoolKind kind;
    public String campaignId;
    public String paiId;
    public String senderId;
    public long amountCents;
    public int packetCount;
    public String greeting;
    @Enumerated(EnumType.STRING)
    public LifecycleStage stage;
    public Instant updatedAt;

    /** Still open for grabs, or about to be: worth sharing. */
    public boolean open() {
        return stage == LifecycleStage.CREATED || stage == LifecycleStage.ACTIVATED;
    }

    /** Stages only move forward; a redelivered earlier stage leaves a later one in place. */
    public static void apply(RedPacketLifecycle event) {
        KnownPool pool = KnownPool.<KnownPool>findByIdOptional(event.poolId()).orElseGet(() -> {
            KnownPool fresh = new KnownPool();
            fresh.poolId = event.poolId();
            return fresh;
        });
        pool.kind = event.poolKind();
        if (event.campaignId() != null) {
            pool.campaignId = event.campaignId();
        }
        if (event.paiId() != null) {
            pool.paiId = event.paiId();
            pool.senderId = event.senderId();
        }
        if (event.stage() == LifecycleStage.CREATED) {
            pool.amountCents = event.amountCents();
            pool.packetCount = event.packetCount();
            pool.greeting = event.greeting();
        }
        if (pool.stage == null || event.stage().ordinal() > pool.stage.ordinal()) {
            pool.stage = event.stage();
        }
        pool.updatedAt = event.at() == null ? Instant.now() : event.at();
        pool.persist();
    }

    public static Optional<KnownPool> of(String poolId, PoolKind kind) {
        return KnownPool.<KnownPool>findByIdOptional(poolId).filter(pool -> pool.kind == kind);
    }
}
