package pai.share.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import pai.events.redpacket.CampaignChanged;

/** A campaign's share rules, as redpacket-service last announced them. */
@Entity
@Table(name = "campaign_rules")
public class CampaignRules extends PanacheEntityBase {
    public static final String CANCELLED = "CANCELLED";

    @Id
    public String campaignId;
    public String name;
    public String status;
    public Instant startsAt;
    public Instant endsAt;
    public String timezone;
    public int shareBonusGrabs;
    public int maxBonusGrabsPerUser;
    public Integer dailyShareRewardCap;
    public Instant changedAt;

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    /** Neither cancelled nor over: worth sharing. */
    public boolean runningAt(Instant now) {
        return !CANCELLED.equals(status) && now.isBefore(endsAt);
    }

    /** Applies a change unless a later one is already here (a redelivery of an older event). */
    public static void apply(CampaignChanged changed) {
        CampaignRules rules = CampaignRules.<CampaignRules>findByIdOptional(changed.campaignId()).orElseGet(() -> {
            CampaignRules fresh = new CampaignRules();
            fresh.campaignId = changed.campaignId();
            return fresh;
        });
        if (rules.changedAt != null && rules.changedAt.isAfter(changed.changedAt())) {
            return;
        }
        rules.name = changed.name();
        rules.status = changed.status();
        rules.startsAt = changed.startsAt();
        rules.endsAt = changed.endsAt();
        rules.timezone = changed.timezone();
        rules.shareBonusGrabs = changed.shareBonusGrabs();
        rules.maxBonusGrabsPerUser = changed.maxBonusGrabsPerUser();
        rules.dailyShareRewardCap = changed.dailyShareRewardCap();
        rules.changedAt = changed.changedAt();
        rules.persist();
    }

    public static Optional<CampaignRules> of(String campaignId) {
        return campaignId == null ? Optional.empty() : findByIdOptional(campaignId);
    }

    /**
     * The campaign a pai or lucky-packet share rewards into: of those open now with share rewards, the
     * one that ends first (the most urgent to fill), ties broken by id so that every instance agrees.
     */
    public static Optional<CampaignRules> openForShares(Instant now) {
        return find("status <> ?1 and startsAt <= ?2 and endsAt > ?2 and shareBonusGrabs > 0 order by endsAt, campaignId",
                CANCELLED, now).firstResultOptional();
    }
}
