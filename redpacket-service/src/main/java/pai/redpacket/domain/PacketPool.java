package pai.redpacket.domain;

import java.time.Instant;

import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What a drop and a lucky packet share: packets that open at one instant and close at another,
 * moving through {@link PoolStatus} the same way for both. Each kind has its own table.
 */
@MappedSuperclass
public abstract class PacketPool extends PanacheEntityBase {
    @Id
    public String id;
    public int packetCount;
    @Enumerated(EnumType.STRING)
    public SplitMode split;
    @Enumerated(EnumType.STRING)
    public PoolStatus status;
    public Instant createdAt;
    public Instant closedAt;

    /** Where its packets live in Redis. */
    public abstract Pool pool();

    public abstract long amountCents();

    public abstract Instant opensAt();

    public abstract Instant closesAt();
}
