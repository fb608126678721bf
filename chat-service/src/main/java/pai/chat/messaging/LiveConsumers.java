package pai.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import pai.chat.service.live.LiveDelivery;
import pai.chat.service.live.MembershipChanges;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MembershipChanged;

/**
 * Feeds live delivery. Each instance reads both topics in a consumer group of its own (see
 * application.properties), so every instance sees every pai; nothing is stored, so no inbox.
 */
@ApplicationScoped
public class LiveConsumers {
    public static final String LIVE_MESSAGES = "live-messages";
    public static final String LIVE_MEMBERS = "live-members";

    private final LiveDelivery live;
    private final MembershipChanges membershipChanges;

    public LiveConsumers(LiveDelivery live, MembershipChanges membershipChanges) {
        this.live = live;
        this.membershipChanges = membershipChanges;
    }

    @Incoming(LIVE_MESSAGES)
    public void onMessage(EventEnvelope<? extends EventData> event) {
        if (event.data() instanceof ChatMessagePosted posted) {
            live.onPosted(event.id(), posted);
        }
    }

    @Incoming(LIVE_MEMBERS)
    public void onMembership(EventEnvelope<? extends EventData> event) {
        if (event.data() instanceof MembershipChanged changed) {
            membershipChanges.apply(changed);
        }
    }
}
