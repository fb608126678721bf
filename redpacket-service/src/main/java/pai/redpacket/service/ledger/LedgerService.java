package pai.redpacket.service.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import pai.events.redpacket.PacketGrabbed;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.redpacket.domain.Ledger;
import pai.redpacket.service.campaign.DropRules;
import pai.redpacket.service.grouppacket.GroupPacketRules;
import pai.redpacket.service.pool.PoolKindRules;
import pai.redpacket.service.pool.PoolLifecycle;

/**
 * Writes grabs and refunds into PostgreSQL exactly once: a grab credits the wallet only when its
 * ledger row was really inserted, so a redelivered batch changes nothing (invariants 4 and 6).
 */
@ApplicationScoped
public class LedgerService {
    public static final String GRAB_ENTRY = "GRAB";

    private final Ledger ledger;
    private final PoolLifecycle lifecycle;
    private final DropRules drops;
    private final GroupPacketRules groupPackets;
    private final Timer drain;

    public LedgerService(Ledger ledger, PoolLifecycle lifecycle, DropRules drops, GroupPacketRules groupPackets,
            MeterRegistry registry) {
        this.ledger = ledger;
        this.lifecycle = lifecycle;
        this.drops = drops;
        this.groupPackets = groupPackets;
        this.drain = Timer.builder("pai.redpacket.drain")
                .description("Time from a grab's answer to its row in the ledger")
                .publishPercentileHistogram()
                .register(registry);
    }

    @Transactional
    public int recordGrabs(List<PacketGrabbed> grabs) {
        List<PacketGrabbed> recorded = ledger.recordGrabs(grabs, GRAB_ENTRY);
        Instant now = Instant.now();
        recorded.forEach(grab -> drain.record(Duration.between(grab.grabbedAt(), now)));
        return recorded.size();
    }

    /** A pool's close came through the stream: refund what was left, once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordClose(RedPacketLifecycle closed) {
        PoolKindRules<?> rules = closed.poolKind() == PoolKind.DROP ? drops : groupPackets;
        lifecycle.refundClosed(rules, closed.poolId(), closed.amountCents(), closed.packetCount());
    }
}
