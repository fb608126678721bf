package pai.agent.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import pai.events.EventEnvelope;
import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.AgentReplyRequested;
import pai.platform.messaging.Outbox;

/**
 * Posts what an agent says into a pai: an {@code agent.reply.requested} event through the outbox, in
 * the caller's transaction. The {@code replyId} is chosen by the caller from what caused the reply
 * (the trigger message, the reminder's period), so a retry posts the same reply, and chat-service
 * stores it once.
 */
@ApplicationScoped
public class AgentReplies {
    static final String SOURCE = "agent-service";

    private final Outbox outbox;
    private final MeterRegistry registry;

    public AgentReplies(Outbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        this.registry = registry;
    }

    /** What one agent says: its text, and for some kinds an image or a card. */
    public record Reply(String agentId, AgentReplyKind kind, String text, String mediaId, Long replyToSeq, AgentCard card) {
        public static Reply text(String agentId, String text, Long replyToSeq) {
            return new Reply(agentId, AgentReplyKind.TEXT, text, null, replyToSeq, null);
        }
    }

    /** The event id comes from the reply id (an outbox event id is at most 64 characters; reply ids can be longer). */
    public static String eventIdOf(String replyId) {
        return UUID.nameUUIDFromBytes(("reply:" + replyId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void post(String replyId, String paiId, Reply reply) {
        outbox.append(EventEnvelope.of(eventIdOf(replyId), SOURCE, Instant.now(), new AgentReplyRequested(replyId, paiId,
                reply.agentId(), reply.kind(), reply.text(), reply.mediaId(), reply.replyToSeq(), reply.card(), Instant.now())));
        registry.counter("pai.agent.replies", "agent", reply.agentId(), "kind", reply.kind().name()).increment();
    }
}
