package pai.redpacket.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.chat.MembershipChanged;
import pai.platform.membership.PaiMemberships;
import pai.platform.messaging.ProcessedEvents;

/** Keeps the membership copy that decides who may grab a pai's lucky packets. */
@ApplicationScoped
public class MembershipConsumer {
    public static final String CHANNEL = "chat-members";

    private final PaiMemberships members;
    private final ProcessedEvents processed;

    public MembershipConsumer(PaiMemberships members, ProcessedEvents processed) {
        this.members = members;
        this.processed = processed;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onMembership(EventEnvelope<? extends EventData> event) {
        if (event.data() instanceof MembershipChanged changed && processed.firstDelivery(CHANNEL, event.id())) {
            members.apply(changed);
        }
    }
}
