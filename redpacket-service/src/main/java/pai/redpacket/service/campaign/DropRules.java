package pai.redpacket.service.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.platform.messaging.Outbox;
import pai.platform.persistence.Ids;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.CampaignStatus;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.messaging.RedpacketEvents;
import pai.redpacket.service.RedpacketRefusals;
import pai.redpacket.service.pool.PoolKindRules;

/**
 * A drop as a pool: its campaign's limits, open paused while the campaign is, announced when it
 * opens, and its remainder back in the campaign's budget.
 */
@ApplicationScoped
public class DropRules implements PoolKindRules<PacketDrop> {
    /** How many due drops one scheduler tick takes on. */
    private static final int BATCH = 50;

    private final Outbox outbox;
    private final RedpacketConfig config;

    public DropRules(Outbox outbox, RedpacketConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public PoolKind kind() {
        return PoolKind.DROP;
    }

    @Override
    public PacketDrop find(String dropId) {
        return (Ids.storable(dropId) ? PacketDrop.<PacketDrop>findByIdOptional(dropId) : Optional.<PacketDrop>empty())
                .orElseThrow(() -> new RedpacketRefusals.DropNotFound(dropId));
    }

    @Override
    public PacketDrop lock(String dropId) {
        return PacketDrop.lock(dropId);
    }

    @Override
    public List<PacketDrop> inStatus(PoolStatus status) {
        return PacketDrop.list("status", status);
    }

    /** Loaded shortly before they open, so that the first grab finds them in Redis. */
    @Override
    public List<PacketDrop> dueForLoading(Instant now) {
        return PacketDrop.dueForLoading(now.plus(config.preload()), BATCH);
    }

    @Override
    public List<PacketDrop> dueForClosing(Instant now) {
        return PacketDrop.dueForClosing(now, BATCH);
    }

    @Override
    public Limits limits(PacketDrop drop) {
        Campaign campaign = Campaign.findById(drop.campaignId);
        return new Limits(campaign.maxGrabsPerUser, campaign.maxBonusGrabsPerUser,
                campaign.status != CampaignStatus.ACTIVE);
    }

    @Override
    public void activated(PacketDrop drop) {
        outbox.append(RedpacketEvents.dropStage(drop, LifecycleStage.ACTIVATED, drop.amountCents));
    }

    @Override
    public String refundCampaign(PacketDrop drop) {
        return drop.campaignId;
    }

    @Override
    public void returnRemainder(PacketDrop drop, long amountCents) {
        Campaign.returnToBudget(drop.campaignId, amountCents);
        outbox.append(RedpacketEvents.dropStage(drop, LifecycleStage.REFUNDED, amountCents));
    }
}
