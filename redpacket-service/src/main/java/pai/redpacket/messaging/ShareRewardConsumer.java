package pai.redpacket.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.share.ShareRewardGranted;
import pai.platform.messaging.ConsumerRetry;
import pai.platform.messaging.Inbox;
import pai.redpacket.service.campaign.BonusService;

/** Extra chances from pai.share.rewards, each reward event applied once. */
@ApplicationScoped
public class ShareRewardConsumer {
    public static final String CHANNEL = "share-rewards";

    private final BonusService bonuses;
    private final Inbox inbox;
    private final ConsumerRetry retry;

    public ShareRewardConsumer(BonusService bonuses, Inbox inbox, ConsumerRetry retry) {
        this.bonuses = bonuses;
        this.inbox = inbox;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onReward(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(CHANNEL, () -> {
            if (event.data() instanceof ShareRewardGranted reward && inbox.firstDelivery(CHANNEL, event)) {
                bonuses.apply(reward);
            }
        });
    }
}
