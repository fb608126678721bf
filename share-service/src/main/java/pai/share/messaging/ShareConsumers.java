package pai.share.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.chat.MembershipChanged;
import pai.events.redpacket.CampaignChanged;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.membership.Memberships;
import pai.platform.messaging.ConsumerRetry;
import pai.platform.messaging.Inbox;
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

    private final Memberships members;
    private final Inbox inbox;
    private final ConsumerRetry retry;

    public ShareConsumers(Memberships members, Inbox inbox, ConsumerRetry retry) {
        this.members = members;
        this.inbox = inbox;
        this.retry = retry;
    }

    @Incoming(REDPACKET_LIFECYCLE)
    @Blocking
    public void onRedpacketLifecycle(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(REDPACKET_LIFECYCLE, () -> {
            if (event.data() instanceof CampaignChanged changed && inbox.firstDelivery(REDPACKET_LIFECYCLE, event)) {
                CampaignRules.apply(changed);
            } else if (event.data() instanceof RedPacketLifecycle lifecycle && inbox.firstDelivery(REDPACKET_LIFECYCLE, event)) {
                KnownPool.apply(lifecycle);
            }
        });
    }

    @Incoming(CHAT_MEMBERS)
    @Blocking
    public void onMembership(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(CHAT_MEMBERS, () -> {
            if (event.data() instanceof MembershipChanged changed && inbox.firstDelivery(CHAT_MEMBERS, event)) {
                members.apply(changed);
            }
        });
    }
}
