package pai.events.share;

import java.time.Instant;

import pai.events.EventData;

/**
 * Extra grab chances earned by a sharer; redpacket-service applies each {@code rewardId} once.
 * Topic {@code pai.share.rewards}, key sharerId.
 */
public record ShareRewardGranted(
        String rewardId,
        String sharerId,
        String campaignId,
        int bonusGrabs,
        String code,
        String visitorId,
        Instant grantedAt) implements EventData {

    @Override
    public String key() {
        return sharerId;
    }
}
