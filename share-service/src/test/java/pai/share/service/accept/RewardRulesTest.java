package pai.share.service.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import pai.share.domain.CampaignRules;
import pai.share.domain.RefusalReason;

class RewardRulesTest {
    private static final Instant NOW = Instant.parse("2027-02-06T12:00:00Z");

    @Test
    void anOpenCampaignWithShareBonusesRewards() {
        assertThat(RewardRules.campaignRefusal(rules("ACTIVE", -1, 1, 1), NOW)).isEmpty();
        assertThat(RewardRules.campaignRefusal(rules("PAUSED", -1, 1, 1), NOW)).as("a pause stops grabs, not rewards").isEmpty();
    }

    @Test
    void cancelledEndedNotStartedAndBonuslessCampaignsRewardNothing() {
        assertThat(RewardRules.campaignRefusal(rules("CANCELLED", -1, 1, 1), NOW)).contains(RefusalReason.CAMPAIGN_CANCELLED);
        assertThat(RewardRules.campaignRefusal(rules("ACTIVE", -2, 0, 1), NOW)).contains(RefusalReason.CAMPAIGN_ENDED);
        assertThat(RewardRules.campaignRefusal(rules("ACTIVE", 1, 2, 1), NOW)).contains(RefusalReason.NOT_STARTED);
        assertThat(RewardRules.campaignRefusal(rules("ACTIVE", -1, 1, 0), NOW)).contains(RefusalReason.NO_SHARE_BONUS);
    }

    private static CampaignRules rules(String status, int startHours, int endHours, int bonus) {
        CampaignRules rules = new CampaignRules();
        rules.campaignId = "c1";
        rules.status = status;
        rules.startsAt = NOW.plusSeconds(startHours * 3600L);
        rules.endsAt = NOW.plusSeconds(endHours * 3600L);
        rules.timezone = "Asia/Shanghai";
        rules.shareBonusGrabs = bonus;
        rules.maxBonusGrabsPerUser = 3;
        return rules;
    }
}
