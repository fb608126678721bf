package pai.events.chat;

import java.time.Instant;

import pai.events.EventData;

/**
 * A user's membership of a pai after a change. Topic {@code pai.chat.members} is compacted on
 * paiId:userId, so the latest record per member is the membership.
 */
public record MembershipChanged(
        String paiId,
        String userId,
        MemberRole role,
        MembershipChange change,
        String actorId,
        Instant changedAt) implements EventData {

    @Override
    public String key() {
        return paiId + ":" + userId;
    }

    public boolean member() {
        return change.member();
    }
}
