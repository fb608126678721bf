package pai.share.messaging;

import java.time.Instant;

import pai.events.EventEnvelope;
import pai.events.share.ShareActivity;
import pai.events.share.ShareActivityKind;
import pai.events.share.ShareRewardGranted;
import pai.share.domain.ShareLink;

/** Builds the events share-service announces. Ids derive from the stored rows, so a replayed step is the same event. */
public final class ShareEvents {
    public static final String SOURCE = "share-service";

    private ShareEvents() {
    }

    public static EventEnvelope<ShareActivity> activity(String activityId, ShareActivityKind kind, ShareLink link,
            String visitorId, String campaignId, Instant at) {
        return EventEnvelope.of(activityId, SOURCE, at, new ShareActivity(activityId, kind, link.code, link.sharerId,
                visitorId, link.targetType.name(), link.targetId, link.channel.name(), campaignId, at));
    }

    /** The event id is the reward id: redpacket-service applies each once, whatever the redeliveries. */
    public static EventEnvelope<ShareRewardGranted> reward(String rewardId, ShareLink link, String campaignId,
            int bonusGrabs, String visitorId, Instant at) {
        return EventEnvelope.of(rewardId, SOURCE, at,
                new ShareRewardGranted(rewardId, link.sharerId, campaignId, bonusGrabs, link.code, visitorId, at));
    }
}
