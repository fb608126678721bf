package pai.redpacket.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PacketGrabbed;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.messaging.ConsumerRetry;
import pai.platform.messaging.Inbox;
import pai.redpacket.service.CrashPoints;
import pai.redpacket.service.ledger.LedgerService;

/**
 * Reads what the relay published into the ledger. Grabs come in batches, one transaction each;
 * the grab id is the inbox (the ledger insert does nothing for a repeat). The offset is committed
 * only after the transaction, so a crash in between redelivers and changes nothing.
 */
@ApplicationScoped
public class LedgerConsumers {
    public static final String GRABS = "ledger-grabs";
    public static final String LIFECYCLE = "ledger-lifecycle";

    private final LedgerService ledger;
    private final Inbox inbox;
    private final ConsumerRetry retry;
    private final CrashPoints crashPoints;

    public LedgerConsumers(LedgerService ledger, Inbox inbox, CrashPoints crashPoints, ConsumerRetry retry) {
        this.ledger = ledger;
        this.inbox = inbox;
        this.crashPoints = crashPoints;
        this.retry = retry;
    }

    /** Not @Transactional itself: the crash point must sit between the commit and the offset commit. */
    @Incoming(GRABS)
    @Blocking
    public void onGrabs(List<EventEnvelope<? extends EventData>> batch) {
        List<PacketGrabbed> grabs = batch.stream()
                .filter(e -> e != null && e.data() instanceof PacketGrabbed)
                .map(e -> (PacketGrabbed) e.data())
                .toList();
        int recorded = retry.inTransaction(GRABS, () -> ledger.recordGrabs(grabs));
        if (recorded > 0) {
            crashPoints.reach(CrashPoints.LEDGER_AFTER_COMMIT_BEFORE_OFFSET, recorded);
        }
    }

    @Incoming(LIFECYCLE)
    @Blocking
    public void onLifecycle(EventEnvelope<? extends EventData> event) {
        retry.inTransaction(LIFECYCLE, () -> {
            if (event.data() instanceof RedPacketLifecycle lifecycle && lifecycle.stage() == LifecycleStage.EXPIRED
                    && inbox.firstDelivery(LIFECYCLE, event)) {
                ledger.recordClose(lifecycle);
            }
        });
    }
}
