package pai.events.chat;

import java.time.Instant;
import java.util.List;

import pai.events.EventData;

/** A message stored in a pai, with its gap-free per-pai {@code seq}. Topic {@code pai.chat.messages}, key paiId. */
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
        Instant createdAt) implements EventData {

    public ChatMessagePosted {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    @Override
    public String key() {
        return paiId;
    }
}
