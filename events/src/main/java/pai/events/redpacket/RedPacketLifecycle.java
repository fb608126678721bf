package pai.events.redpacket;

import java.time.Instant;

import pai.events.EventData;

/**
 * A step in the life of a drop or a group lucky packet. Group packets carry the pai, the sender
 * and the greeting so that chat-service can show the card. Topic {@code pai.redpacket.lifecycle},
 * key campaignId for drops and packetId for group packets.
 */
public record RedPacketLifecycle(
        LifecycleStage stage,
        PoolKind poolKind,
        String poolId,
        String campaignId,
        String paiId,
        String senderId,
        long amountCents,
        int packetCount,
        String greeting,
        Instant at) implements EventData {

    @Override
    public String key() {
        return campaignId != null ? campaignId : poolId;
    }
}
