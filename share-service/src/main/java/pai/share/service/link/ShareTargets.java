package pai.share.service.link;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.events.redpacket.PoolKind;
import pai.platform.membership.Memberships;
import pai.platform.time.LocalTimeFields;
import pai.share.domain.CampaignRules;
import pai.share.domain.KnownPool;
import pai.share.domain.ShareLink;
import pai.share.domain.TargetType;
import pai.share.service.ShareRefusals;

/**
 * What a link may point at, from the copies this service keeps of redpacket-service's and chat-service's
 * events: a running campaign, a drop still open, a pai the sharer is in, a lucky packet of such a pai.
 */
@ApplicationScoped
public class ShareTargets {
    private final Memberships members;
    private final Clock clock;

    public ShareTargets(Memberships members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    /** Checks the target exists and the sharer may see it; answers the campaign whose rules the link follows, if any. */
    public Optional<String> campaignToShare(TargetType type, String targetId, String sharerId) {
        Instant now = clock.instant();
        return switch (type) {
            case CAMPAIGN -> {
                CampaignRules rules = CampaignRules.of(targetId).orElseThrow(() -> new ShareRefusals.TargetNotFound(type, targetId));
                if (!rules.runningAt(now)) {
                    throw new ShareRefusals.TargetClosed(type, targetId);
                }
                yield Optional.of(rules.campaignId);
            }
            case DROP -> {
                KnownPool drop = KnownPool.of(targetId, PoolKind.DROP)
                        .orElseThrow(() -> new ShareRefusals.TargetNotFound(type, targetId));
                CampaignRules rules = CampaignRules.of(drop.campaignId)
                        .orElseThrow(() -> new ShareRefusals.TargetNotFound(type, targetId));
                if (!drop.open() || !rules.runningAt(now)) {
                    throw new ShareRefusals.TargetClosed(type, targetId);
                }
                yield Optional.of(rules.campaignId);
            }
            case PAI -> {
                members.requireMember(targetId, sharerId);
                yield Optional.empty();
            }
            case PACKET -> {
                KnownPool packet = KnownPool.of(targetId, PoolKind.GROUP_PACKET)
                        .orElseThrow(() -> new ShareRefusals.TargetNotFound(type, targetId));
                members.requireMember(packet.paiId, sharerId);
                if (!packet.open()) {
                    throw new ShareRefusals.TargetClosed(type, targetId);
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * The campaign whose rules decide a reward for this link now: its own for campaign and drop shares; for
     * pai and lucky-packet shares the open campaign with share rewards that ends first (docs/decisions.md).
     */
    public Optional<CampaignRules> rewardingCampaign(ShareLink link) {
        return link.targetType.ofCampaign() ? CampaignRules.of(link.campaignId) : CampaignRules.openForShares(clock.instant());
    }

    /** The zone in which "per day" is counted for this link. */
    public ZoneId zoneOf(Optional<CampaignRules> campaign) {
        return campaign.map(CampaignRules::zone).orElseGet(() -> ZoneId.of(LocalTimeFields.DEFAULT_TIMEZONE));
    }

    /** The target's page in the web client, with the code so that the page can offer to accept. */
    public static String webPath(ShareLink link) {
        String page = switch (link.targetType) {
            case CAMPAIGN -> "/campaigns/";
            case DROP -> "/drops/";
            case PAI -> "/pais/";
            case PACKET -> "/packets/";
        };
        return page + link.targetId + "?share=" + link.code;
    }
}
