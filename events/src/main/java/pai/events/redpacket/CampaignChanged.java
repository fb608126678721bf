package pai.events.redpacket;

import java.time.Instant;

import pai.events.EventData;

/**
 * A campaign as it stands after it was created, paused, resumed or cancelled: the rules other services
 * apply on its behalf (share-service rewards sharers by them). Topic {@code pai.redpacket.lifecycle},
 * key campaignId, so that a campaign's changes and its drops' stages arrive in order.
 */
public record CampaignChanged(
        String campaignId,
        String name,
        String status,
        Instant startsAt,
        Instant endsAt,
        String timezone,
        int shareBonusGrabs,
        int maxBonusGrabsPerUser,
        Integer dailyShareRewardCap,
        Instant changedAt) implements EventData {

    @Override
    public String key() {
        return campaignId;
    }
}
