package pai.redpacket.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A budget operators drop packets from. remaining = budget - reserved + refunded. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public long budgetCents;
    public long reservedCents;
    public long refundedCents;
    public Instant startsAt;
    public Instant endsAt;
    public String timezone;
    public int maxGrabsPerUser;
    public int shareBonusGrabs;
    public int maxBonusGrabsPerUser;
    public Integer dailyShareRewardCap;
    @Enumerated(EnumType.STRING)
    public CampaignStatus status;
    public String createdBy;
    public Instant createdAt;

    public long remainingCents() {
        return budgetCents - reservedCents + refundedCents;
    }

    public boolean openAt(Instant now) {
        return status == CampaignStatus.ACTIVE && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** Takes {@code amount} from the budget if it is there; false otherwise. One statement, so two drops never both take the last yuan. */
    public static boolean reserve(String campaignId, long amount) {
        return update("reservedCents = reservedCents + ?1 where id = ?2 and status = ?3"
                + " and budgetCents - reservedCents + refundedCents >= ?1",
                amount, campaignId, CampaignStatus.ACTIVE) == 1;
    }

    public static void returnToBudget(String campaignId, long amount) {
        update("refundedCents = refundedCents + ?1 where id = ?2", amount, campaignId);
    }

    public static List<Campaign> page(Instant beforeCreatedAt, int limit) {
        return find("createdAt < ?1", Sort.by("createdAt").descending().and("id"), beforeCreatedAt)
                .page(0, limit).list();
    }

    /** Campaigns open now, newest first. */
    public static List<Campaign> openAt(Instant now, int limit) {
        return find("status = ?1 and startsAt <= ?2 and endsAt > ?2", Sort.by("startsAt").descending(),
                CampaignStatus.ACTIVE, now).page(0, limit).list();
    }
}
