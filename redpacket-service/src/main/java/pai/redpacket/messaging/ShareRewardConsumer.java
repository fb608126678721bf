package pai.redpacket.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.share.ShareRewardGranted;
import pai.platform.messaging.ProcessedEvents;
import pai.redpacket.service.BonusService;

/** Extra chances from pai.share.rewards, each reward event applied once. */
@ApplicationScoped
public class ShareRewardConsumer {
    public static final String CHANNEL = "share-rewards";

    private final BonusService bonuses;
    private final ProcessedEvents processed;

    public ShareRewardConsumer(BonusService bonuses, ProcessedEvents processed) {
        this.bonuses = bonuses;
        this.processed = processed;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onReward(EventEnvelope<? extends EventData> event) {
        if (event.data() instanceof ShareRewardGranted reward && processed.firstDelivery(CHANNEL, event.id())) {
            bonuses.apply(reward);
        }
    }
}
