package pai.events.share;

import java.time.Instant;

import pai.events.EventData;

/** A counted click on, or an accept of, a share link. Topic {@code pai.share.events}, key code. */
public record ShareActivity(
        String activityId,
        ShareActivityKind kind,
        String code,
        String sharerId,
        String visitorId,
        String targetType,
        String targetId,
        String channel,
        String campaignId,
        Instant at) implements EventData {

    @Override
    public String key() {
        return code;
    }
}
