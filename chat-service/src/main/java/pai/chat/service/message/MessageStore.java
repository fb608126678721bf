package pai.chat.service.message;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.micrometer.core.instrument.MeterRegistry;
import pai.chat.domain.Message;
import pai.chat.messaging.ChatEvents;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.messaging.Outbox;

/** Stores messages with gap-free per-pai seqs and hands each one to the outbox in the same transaction. */
@ApplicationScoped
public class MessageStore {
    private final Outbox outbox;
    private final Event<MessageStored> stored;
    private final MeterRegistry registry;

    public MessageStore(Outbox outbox, Event<MessageStored> stored, MeterRegistry registry) {
        this.outbox = outbox;
        this.stored = stored;
        this.registry = registry;
    }

    static Message newMessage(String paiId, String senderId, SenderKind senderKind, MessageKind kind,
            String clientMsgId) {
        Message message = new Message();
        message.id = UUID.randomUUID().toString();
        message.paiId = paiId;
        message.senderId = senderId;
        message.senderKind = senderKind;
        message.kind = kind;
        message.clientMsgId = clientMsgId;
        message.createdAt = Instant.now();
        return message;
    }

    /** Stores the message under the seq the caller took with the pai row locked, and hands it to the outbox. */
    public void store(Message message, long seq) {
        message.seq = seq;
        message.persist();
        var posted = ChatEvents.messagePosted(message);
        outbox.append(posted);
        stored.fire(new MessageStored(posted.data()));
        registry.counter("pai.chat.messages", "kind", message.kind.name(), "sender", message.senderKind.name())
                .increment();
    }
}
