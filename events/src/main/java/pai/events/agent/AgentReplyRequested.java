package pai.events.agent;

import java.time.Instant;

import pai.events.EventData;

/**
 * What an agent wants posted into a pai; chat-service stores it as an AGENT message.
 * {@code replyId} makes the post idempotent. {@code card} is the structured part of a SUMMARY, CHECKIN or
 * plan (null for plain text and images). Topic {@code pai.agent.replies}, key paiId.
 */
public record AgentReplyRequested(
        String replyId,
        String paiId,
        String agentId,
        AgentReplyKind kind,
        String text,
        String mediaId,
        Long replyToSeq,
        AgentCard card,
        Instant requestedAt) implements EventData {

    @Override
    public String key() {
        return paiId;
    }
}
