package pai.redpacket.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.panache.common.Sort;
import pai.events.redpacket.PoolKind;

/** A lucky packet a user sent into a pai, paid from their wallet; what is left returns at expiry. */
@Entity
@Table(name = "group_packet")
public class GroupPacket extends PacketPool {
    public String paiId;
    public String senderId;
    public long totalCents;
    public String greeting;
    public Instant expiresAt;

    @Override
    public Pool pool() {
        return new Pool(PoolKind.GROUP_PACKET, id, paiId);
    }

    @Override
    public long amountCents() {
        return totalCents;
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
