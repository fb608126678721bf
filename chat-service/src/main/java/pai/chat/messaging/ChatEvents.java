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
        var data = new ChatMessagePosted(message.id, message.paiId, message.seq, message.senderId, message.senderKind,
                message.kind, message.text, message.mediaId, message.mentionList(), message.replyToSeq, null,
                message.createdAt);
        return EventEnvelope.of(message.id, SOURCE, message.createdAt, data);
    }

    public static EventEnvelope<MembershipChanged> membershipChanged(Membership membership, MembershipChange change,
            String actorId) {
        return EventEnvelope.of(SOURCE, new MembershipChanged(membership.paiId, membership.userId, membership.role,
                change, actorId, Instant.now()));
    }
}
