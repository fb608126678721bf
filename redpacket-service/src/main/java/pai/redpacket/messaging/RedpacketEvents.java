package pai.redpacket.messaging;

import java.time.Instant;

import pai.events.EventEnvelope;
import pai.events.redpacket.CampaignChanged;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.GroupPacket;
import pai.redpacket.domain.PacketDrop;

/** Builds the lifecycle events of campaigns, drops and group packets. */
public final class RedpacketEvents {
    public static final String SOURCE = "redpacket-service";

    private RedpacketEvents() {
    }

    /** The card chat-service shows for a group lucky packet, and its later stages. */
    public static EventEnvelope<RedPacketLifecycle> packetStage(GroupPacket packet, LifecycleStage stage, long amountCents) {
        return EventEnvelope.of(packet.id + ":" + stage, SOURCE, Instant.now(), new RedPacketLifecycle(stage,
                PoolKind.GROUP_PACKET, packet.id, null, packet.paiId, packet.senderId, amountCents, packet.packetCount,
                packet.greeting, Instant.now()));
    }

    /** Ids are derived from the drop and stage, so a repeated step is recognised as the same event. */
    public static EventEnvelope<RedPacketLifecycle> dropStage(PacketDrop drop, LifecycleStage stage, long amountCents) {
        return EventEnvelope.of(drop.id + ":" + stage, SOURCE, Instant.now(), new RedPacketLifecycle(stage,
                PoolKind.DROP, drop.id, drop.campaignId, null, null, amountCents, drop.packetCount, null, Instant.now()));
    }

    /** The campaign's rules after a change; every change is its own event, applied in order per campaign. */
    public static EventEnvelope<CampaignChanged> campaignChanged(Campaign campaign) {
        Instant now = Instant.now();
        return EventEnvelope.of(SOURCE, new CampaignChanged(campaign.id, campaign.name, campaign.status.name(),
                campaign.startsAt, campaign.endsAt, campaign.timezone, campaign.shareBonusGrabs,
                campaign.maxBonusGrabsPerUser, campaign.dailyShareRewardCap, now));
    }
}
