package pai.redpacket.service.grouppacket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.platform.messaging.Outbox;
import pai.platform.persistence.Ids;
import pai.redpacket.domain.GroupPacket;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.domain.Wallets;
import pai.redpacket.messaging.RedpacketEvents;
import pai.redpacket.service.RedpacketRefusals;
import pai.redpacket.service.pool.PoolKindRules;

/**
 * A lucky packet as a pool: one grab per member, never paused, opened as soon as it is sent
 * (its card went out with the send, so opening announces nothing), and its remainder back in the
 * sender's wallet.
 */
@ApplicationScoped
public class GroupPacketRules implements PoolKindRules<GroupPacket> {
    public static final String REFUND_ENTRY = "REFUND";
    private static final Limits ONE_GRAB_EACH = new Limits(1, 0, false);
    /** How many due packets one scheduler tick takes on. */
    private static final int BATCH = 50;

    private final Wallets wallets;
    private final Outbox outbox;

    public GroupPacketRules(Wallets wallets, Outbox outbox) {
        this.wallets = wallets;
        this.outbox = outbox;
    }

    @Override
    public PoolKind kind() {
        return PoolKind.GROUP_PACKET;
    }

    @Override
    public GroupPacket find(String packetId) {
        return (Ids.storable(packetId) ? GroupPacket.<GroupPacket>findByIdOptional(packetId) : Optional.<GroupPacket>empty())
                .orElseThrow(() -> new RedpacketRefusals.PacketNotFound(packetId));
    }

    @Override
    public GroupPacket lock(String packetId) {
        return GroupPacket.lock(packetId);
    }

    @Override
    public List<GroupPacket> inStatus(PoolStatus status) {
        return GroupPacket.list("status", status);
    }

    /** Every packet still SCHEDULED: sending opens it at once, so one here is a send whose opening failed. */
    @Override
    public List<GroupPacket> dueForLoading(Instant now) {
        return GroupPacket.dueForLoading(BATCH);
    }

    @Override
    public List<GroupPacket> dueForClosing(Instant now) {
        return GroupPacket.dueForClosing(now, BATCH);
    }

    @Override
    public Limits limits(GroupPacket packet) {
        return ONE_GRAB_EACH;
    }

    @Override
    public void activated(GroupPacket packet) {
    }

    @Override
    public String refundCampaign(GroupPacket packet) {
        return null;
    }

    @Override
    public void returnRemainder(GroupPacket packet, long amountCents) {
        if (amountCents > 0) {
            wallets.credit(packet.senderId, amountCents, REFUND_ENTRY, packet.id);
        }
        outbox.append(RedpacketEvents.packetStage(packet, LifecycleStage.REFUNDED, amountCents));
    }
}
