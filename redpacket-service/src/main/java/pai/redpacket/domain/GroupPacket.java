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

/** A lucky packet a user sent into a pai, paid from their wallet; what is left returns at expiry. */
@Entity
@Table(name = "group_packet")
public class GroupPacket extends PanacheEntityBase {
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
    public DropStatus status;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant closedAt;

    public static GroupPacket lock(String packetId) {
        return findById(packetId, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<GroupPacket> dueForLoading(int limit) {
        return find("status", Sort.by("createdAt"), DropStatus.SCHEDULED).page(0, limit).list();
    }

    public static List<GroupPacket> dueForClosing(Instant now, int limit) {
        return find("status in ?1 and expiresAt <= ?2", Sort.by("expiresAt"),
                List.of(DropStatus.SCHEDULED, DropStatus.ACTIVE), now).page(0, limit).list();
    }
}
