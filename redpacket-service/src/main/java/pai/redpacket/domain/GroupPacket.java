package pai.redpacket.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import pai.events.redpacket.PoolKind;

/** A lucky packet a user sent into a pai, paid from their wallet; what is left returns at expiry. */
@Entity
@Table(name = "group_packet")
public class GroupPacket extends PanacheEntityBase implements PacketPool {
    @Id
    public String id;
    public String paiId;
    public String senderId;
    public long totalCents;
    public int packetCount;
    @Enumerated(EnumType.STRING)
    public SplitMode split;
    public String greeting;
    @Enumerated(EnumType.STRING)
    public PoolStatus status;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant closedAt;

    @Override
    public Pool pool() {
        return new Pool(PoolKind.GROUP_PACKET, id, paiId);
    }

    @Override
    public PoolStatus status() {
        return status;
    }

    @Override
    public void moveTo(PoolStatus status) {
        this.status = status;
    }

    @Override
    public void closedAt(Instant at) {
        closedAt = at;
    }

    @Override
    public long amountCents() {
        return totalCents;
    }

    @Override
    public int packetCount() {
        return packetCount;
    }

    /** Open from its sending. */
    @Override
    public Instant opensAt() {
        return createdAt;
    }

    @Override
    public Instant closesAt() {
        return expiresAt;
    }

    public static GroupPacket lock(String packetId) {
        return findById(packetId, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<GroupPacket> dueForLoading(int limit) {
        return find("status", Sort.by("createdAt"), PoolStatus.SCHEDULED).page(0, limit).list();
    }

    public static List<GroupPacket> dueForClosing(Instant now, int limit) {
        return find("status in ?1 and expiresAt <= ?2", Sort.by("expiresAt"),
                List.of(PoolStatus.SCHEDULED, PoolStatus.ACTIVE), now).page(0, limit).list();
    }
}
