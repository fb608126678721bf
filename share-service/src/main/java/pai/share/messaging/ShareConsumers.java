package pai.share.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.chat.MembershipChanged;
import pai.events.redpacket.CampaignChanged;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.membership.PaiMemberships;
import pai.platform.messaging.ProcessedEvents;
import pai.share.domain.CampaignRules;
import pai.share.domain.KnownPool;

/**
 * The copies share-service decides by: campaigns' rules and their drops and lucky packets from
 * pai.redpacket.lifecycle, memberships from pai.chat.members. Each event is applied once, its id
 * recorded in the transaction of its effect.
 */
@ApplicationScoped
public class ShareConsumers {
    public static final String REDPACKET_LIFECYCLE = "redpacket-lifecycle";
    public static final String CHAT_MEMBERS = "chat-members";

    private final PaiMemberships members;
    private final ProcessedEvents processed;
    private final MeterRegistry registry;

    public ShareConsumers(PaiMemberships members, ProcessedEvents processed, MeterRegistry registry) {
        this.members = members;
        this.processed = processed;
        this.registry = registry;
    }

    @Incoming(REDPACKET_LIFECYCLE)
    @Blocking
    @Transactional
    public void onRedpacketLifecycle(EventEnvelope<? extends EventData> event) {
        if (event.data() instanceof CampaignChanged changed && firstDelivery(REDPACKET_LIFECYCLE, event)) {
            CampaignRules.apply(changed);
        } else if (event.data() instanceof RedPacketLifecycle lifecycle && firstDelivery(REDPACKET_LIFECYCLE, event)) {
            KnownPool.apply(lifecycle);
        }
    }

    @Incoming(CHAT_MEMBERS)
    @Blocking
    @Transactional
    public void onMembership(EventEnvelope<? extends EventData> event) {
        if (event.data() instanceof MembershipChanged changed && firstDelivery(CHAT_MEMBERS, event)) {
            members.apply(changed);
        }
    }

    private boolean firstDelivery(String channel, EventEnvelope<? extends EventData> event) {
        boolean first = processed.firstDelivery(channel, event.id());
        registry.counter("pai.share.events", "channel", channel, "outcome", first ? "applied" : "duplicate").increment();
        return first;
    }
}
