package pai.redpacket.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.chat.MembershipChanged;
import pai.platform.membership.Memberships;
import pai.platform.messaging.ConsumerRetry;
import pai.platform.messaging.Inbox;

/** Keeps the membership copy that decides who may grab a pai's lucky packets. */
@ApplicationScoped
public class MembershipConsumer {
    public static final String CHANNEL = "chat-members";

    private final Memberships members;
    private final Inbox inbox;
    private final ConsumerRetry retry;

    public MembershipConsumer(Memberships members, Inbox inbox, ConsumerRetry retry) {
        this.members = members;
        this.inbox = inbox;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onMembership(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(CHANNEL, () -> {
            if (event.data() instanceof MembershipChanged changed && inbox.firstDelivery(CHANNEL, event)) {
                members.apply(changed);
            }
        });
    }
}
