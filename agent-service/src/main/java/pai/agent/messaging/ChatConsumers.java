package pai.agent.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import pai.agent.service.ChatProjection;
import pai.agent.service.orchestration.OrchestrationService;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MembershipChanged;
import pai.platform.messaging.ProcessedEvents;

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
    private final ProcessedEvents processed;
    private final MeterRegistry registry;

    public ChatConsumers(ChatProjection projection, OrchestrationService orchestration, ProcessedEvents processed,
            MeterRegistry registry) {
        this.projection = projection;
        this.orchestration = orchestration;
        this.processed = processed;
        this.registry = registry;
    }

    @Incoming(MESSAGES)
    @Blocking
    @Transactional
    public void onMessage(EventEnvelope<? extends EventData> event) {
        if (firstDelivery(MESSAGES, event) && event.data() instanceof ChatMessagePosted posted) {
            projection.apply(posted);
            orchestration.consider(posted.paiId(), ChatProjection.utterance(posted));
        }
    }

    @Incoming(MEMBERS)
    @Blocking
    @Transactional
    public void onMembership(EventEnvelope<? extends EventData> event) {
        if (firstDelivery(MEMBERS, event) && event.data() instanceof MembershipChanged changed) {
            projection.apply(changed);
        }
    }

    private boolean firstDelivery(String channel, EventEnvelope<? extends EventData> event) {
        boolean first = processed.firstDelivery(channel, event.id());
        registry.counter("pai.agent.events", "channel", channel, "outcome", first ? "applied" : "duplicate").increment();
        return first;
    }
}
