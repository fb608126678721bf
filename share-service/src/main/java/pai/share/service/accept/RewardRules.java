package pai.share.service.accept;

import java.time.Instant;
import java.util.Optional;

import pai.share.domain.CampaignRules;
import pai.share.domain.RefusalReason;

/** Whether a campaign rewards shares at all at a given instant. */
public final class RewardRules {
    private RewardRules() {
    }

    public static Optional<RefusalReason> campaignRefusal(CampaignRules rules, Instant now) {
        if (CampaignRules.CANCELLED.equals(rules.status)) {
            return Optional.of(RefusalReason.CAMPAIGN_CANCELLED);
        }
        if (!now.isBefore(rules.endsAt)) {
            return Optional.of(RefusalReason.CAMPAIGN_ENDED);
        }
        if (now.isBefore(rules.startsAt)) {
            return Optional.of(RefusalReason.NOT_STARTED);
        }
        if (rules.shareBonusGrabs <= 0) {
            return Optional.of(RefusalReason.NO_SHARE_BONUS);
        }
        return Optional.empty();
    }
}
