package pai.agent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.agent.service.ChatProjection;
import pai.agent.service.orchestration.OrchestrationService;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MembershipChanged;
import pai.platform.messaging.ConsumerRetry;
import pai.platform.messaging.Inbox;

/**
 * Reads the chat's messages and memberships. Each event is applied once: its id is recorded in
 * the same transaction as its effect — the copy of the message, the agents' turns and their replies in
 * the outbox — so a redelivery after a crash changes nothing, and a crash before the commit loses nothing.
 */
@ApplicationScoped
public class ChatConsumers {
    public static final String MESSAGES = "chat-messages";
    public static final String MEMBERS = "chat-members";

    private final ChatProjection projection;
    private final OrchestrationService orchestration;
    private final Inbox inbox;
    private final ConsumerRetry retry;

    public ChatConsumers(ChatProjection projection, OrchestrationService orchestration, Inbox inbox, ConsumerRetry retry) {
        this.projection = projection;
        this.orchestration = orchestration;
        this.inbox = inbox;
        this.retry = retry;
    }

    @Incoming(MESSAGES)
    @Blocking
    public void onMessage(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(MESSAGES, () -> {
            if (event.data() instanceof ChatMessagePosted posted && inbox.firstDelivery(MESSAGES, event)) {
                projection.apply(posted);
                orchestration.consider(posted.paiId(), ChatProjection.utterance(posted));
            }
        });
    }

    @Incoming(MEMBERS)
    @Blocking
    public void onMembership(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(MEMBERS, () -> {
            if (event.data() instanceof MembershipChanged changed && inbox.firstDelivery(MEMBERS, event)) {
                projection.apply(changed);
            }
        });
    }
}
