package pai.chat.messaging;

import java.time.Instant;

import pai.chat.domain.Membership;
import pai.chat.domain.Message;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;

/** Builds the events chat-service publishes (through the outbox) from its entities. */
public final class ChatEvents {
    public static final String SOURCE = "chat-service";

    private ChatEvents() {
    }

    /** The event id is the message id, so a re-published message is recognised downstream. */
    public static EventEnvelope<ChatMessagePosted> messagePosted(Message message) {
        return EventEnvelope.of(message.id, SOURCE, message.createdAt, posted(message));
    }

    private static ChatMessagePosted posted(Message message) {
        return new ChatMessagePosted(message.id, message.paiId, message.seq, message.senderId, message.senderKind,
                message.kind, message.text, message.mediaId, message.mentionList(), message.replyToSeq,
                message.packetCard(), message.playbackCard(), message.agentCard(), message.createdAt);
    }

    /**
     * A recall re-publishes the message under its seq with kind RECALLED and no content. The event id
     * differs from the message id, so consumers that de-duplicate by event id apply it.
     */
    public static EventEnvelope<ChatMessagePosted> messageRecalled(Message message) {
        return EventEnvelope.of(message.id + ":recalled", SOURCE, message.recalledAt, posted(message));
    }

    public static EventEnvelope<MembershipChanged> membershipChanged(Membership membership, MembershipChange change,
            String actorId) {
        return EventEnvelope.of(SOURCE, new MembershipChanged(membership.paiId, membership.userId, membership.role,
                change, actorId, Instant.now()));
    }
}
