package pai.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.chat.service.message.ServiceMessages;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.agent.AgentReplyRequested;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.messaging.ConsumerRetry;
import pai.platform.messaging.Inbox;

/**
 * Turns what other services publish into messages: agent replies and the cards of group lucky
 * packets. Each event is applied once (its id is recorded in the transaction that stores the
 * message), and the stored message leaves through the outbox like a user's.
 */
@ApplicationScoped
public class ServiceMessageConsumers {
    public static final String AGENT_REPLIES = "agent-replies";
    public static final String REDPACKET_LIFECYCLE = "redpacket-lifecycle";

    private final ServiceMessages serviceMessages;
    private final Inbox inbox;
    private final ConsumerRetry retry;

    public ServiceMessageConsumers(ServiceMessages serviceMessages, Inbox inbox, ConsumerRetry retry) {
        this.serviceMessages = serviceMessages;
        this.inbox = inbox;
        this.retry = retry;
    }

    @Incoming(AGENT_REPLIES)
    @Blocking
    public void onAgentReply(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(AGENT_REPLIES, () -> {
            if (event.data() instanceof AgentReplyRequested reply && inbox.firstDelivery(AGENT_REPLIES, event)) {
                serviceMessages.storeAgentReply(reply);
            }
        });
    }

    @Incoming(REDPACKET_LIFECYCLE)
    @Blocking
    public void onRedPacketLifecycle(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(REDPACKET_LIFECYCLE, () -> {
            if (event.data() instanceof RedPacketLifecycle lifecycle && lifecycle.stage() == LifecycleStage.CREATED
                    && lifecycle.poolKind() == PoolKind.GROUP_PACKET && inbox.firstDelivery(REDPACKET_LIFECYCLE, event)) {
                serviceMessages.storePacketCard(lifecycle);
            }
        });
    }
}
