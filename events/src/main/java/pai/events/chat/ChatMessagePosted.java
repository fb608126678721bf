package pai.events.chat;

import java.time.Instant;
import java.util.List;

import pai.events.EventData;
import pai.events.agent.AgentCard;

/**
 * A message stored in a pai, with its gap-free per-pai {@code seq}. Topic {@code pai.chat.messages}, key paiId.
 * The card of a service-made kind travels with it: {@code packet} for PACKET, {@code playback} for PLAYBACK,
 * {@code agent} for an agent's SUMMARY, CHECKIN or plan (null otherwise, and for a RECALLED message).
 */
public record ChatMessagePosted(
        String messageId,
        String paiId,
        long seq,
        String senderId,
        SenderKind senderKind,
        MessageKind kind,
        String text,
        String mediaId,
        List<String> mentions,
        Long replyToSeq,
        PacketCard packet,
        PlaybackCard playback,
        AgentCard agent,
        Instant createdAt) implements EventData {

    public ChatMessagePosted {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    @Override
    public String key() {
        return paiId;
    }
}
