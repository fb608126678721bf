package pai.redpacket.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.panache.common.Sort;
import pai.events.redpacket.PoolKind;

/** A drop of packets from a campaign, open between {@code startsAt} and {@code endsAt}. */
@Entity
@Table(name = "packet_drop")
public class PacketDrop extends PacketPool {
    public String campaignId;
    public long amountCents;
    public Instant startsAt;
    public Instant endsAt;

    @Override
    public Pool pool() {
        return new Pool(PoolKind.DROP, id, campaignId);
    }

    @Override
    public long amountCents() {
        return amountCents;
    }

    @Override
    public Instant opensAt() {
        return startsAt;
    }

    @Override
    public Instant closesAt() {
        return endsAt;
    }

    public static List<PacketDrop> ofCampaign(String campaignId, Instant beforeCreatedAt, int limit) {
        return find("campaignId = ?1 and createdAt < ?2", Sort.by("createdAt").descending().and("id"), campaignId,
                beforeCreatedAt).page(0, limit).list();
    }

    /** Drops of the campaign that are open now or open later, soonest first. */
    public static List<PacketDrop> currentAndNext(String campaignId, Instant now) {
        return find("campaignId = ?1 and endsAt > ?2 and status in ?3", Sort.by("startsAt"), campaignId, now,
                List.of(PoolStatus.SCHEDULED, PoolStatus.ACTIVE)).page(0, 5).list();
    }

    /** SCHEDULED drops that start before {@code until}: the loader's work. */
    public static List<PacketDrop> dueForLoading(Instant until, int limit) {
        return find("status = ?1 and startsAt <= ?2", Sort.by("startsAt"), PoolStatus.SCHEDULED, until)
                .page(0, limit).list();
    }

    /** Open drops whose window has ended: the closer's work. */
    public static List<PacketDrop> dueForClosing(Instant now, int limit) {
        return find("status in ?1 and endsAt <= ?2", Sort.by("endsAt"), List.of(PoolStatus.SCHEDULED, PoolStatus.ACTIVE),
                now).page(0, limit).list();
    }

    /** Locks the row, so that loading, closing and cancelling one drop never interleave. */
    public static PacketDrop lock(String dropId) {
        return findById(dropId, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<PacketDrop> ofCampaignInStatus(String campaignId, List<PoolStatus> statuses) {
        return list("campaignId = ?1 and status in ?2", campaignId, statuses);
    }
}
