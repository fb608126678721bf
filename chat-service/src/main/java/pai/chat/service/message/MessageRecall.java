package pai.chat.service.message;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import pai.chat.config.ChatConfig;
import pai.chat.domain.Membership;
import pai.chat.domain.Message;
import pai.chat.messaging.ChatEvents;
import pai.chat.service.ChatRefusals;
import pai.chat.service.pai.PaiService;
import pai.events.chat.MemberRole;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.messaging.Outbox;

/** Recalling a message: its content goes for everyone, its seq stays, and the recall is published. */
@ApplicationScoped
public class MessageRecall {
    private final PaiService pais;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final ChatConfig config;

    public MessageRecall(PaiService pais, Outbox outbox, MeterRegistry registry, ChatConfig config) {
        this.pais = pais;
        this.outbox = outbox;
        this.registry = registry;
        this.config = config;
    }

    /**
     * The sender recalls within the recall window, an admin or the owner at any time. Recalling a
     * recalled message again changes nothing and publishes nothing.
     */
    @Transactional
    public Message recall(String userId, String paiId, long seq) {
        Membership membership = pais.requireMember(paiId, userId);
        Message message = Message.lockBySeq(paiId, seq).orElseThrow(() -> new ChatRefusals.MessageNotFound(paiId, seq));
        if (message.kind == MessageKind.RECALLED) {
            return message;
        }
        if (message.kind == MessageKind.PACKET) {
            throw new ChatRefusals.NotRecallable(message.kind.name());
        }
        Instant now = Instant.now();
        boolean admin = membership.role != MemberRole.MEMBER;
        boolean sender = message.senderKind == SenderKind.USER && message.senderId.equals(userId);
        if (!admin) {
            if (!sender) {
                throw new ChatRefusals.InsufficientRole("only the sender or an admin may recall a message");
            }
            if (message.createdAt.plus(config.recallWindow()).isBefore(now)) {
                throw new ChatRefusals.RecallWindowPassed(config.recallWindow());
            }
        }
        message.recall(userId, now);
        outbox.append(ChatEvents.messageRecalled(message));
        registry.counter("pai.chat.recalls", "by", sender ? "sender" : "admin").increment();
        return message;
    }
}
