package pai.redpacket.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.DropStatus;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.rest.RedpacketDtos.DropState;
import pai.redpacket.rest.RedpacketDtos.GrabView;
import pai.redpacket.rest.RedpacketDtos.Live;
import pai.redpacket.rest.RedpacketDtos.LiveCampaign;

/** What a user sees: the campaigns open now with their drops and the user's chances, and one drop's state. */
@ApplicationScoped
public class LiveService {
    private final PacketPools pools;

    public LiveService(PacketPools pools) {
        this.pools = pools;
    }

    public Live live(String userId) {
        Instant now = Instant.now();
        List<LiveCampaign> items = Campaign.openAt(now, 50).stream().map(campaign -> {
            long bonus = Math.min(pools.bonusEarned(campaign.id, userId), campaign.maxBonusGrabsPerUser);
            long chances = Math.max(0, campaign.maxGrabsPerUser + bonus - pools.grabsUsed(campaign.id, userId));
            var drops = PacketDrop.currentAndNext(campaign.id, now).stream().map(DropService::view).toList();
            return new LiveCampaign(campaign.id, campaign.name, campaign.startsAt, campaign.endsAt, campaign.timezone,
                    chances, drops);
        }).toList();
        return new Live(now, items);
    }

    public DropState drop(String userId, String dropId) {
        PacketDrop drop = DropService.find(dropId);
        boolean inRedis = drop.status == DropStatus.ACTIVE && pools.isLoaded(dropId);
        long remaining;
        long granted;
        if (inRedis) {
            remaining = pools.remainingPackets(dropId);
            granted = drop.amountCents - pools.remainingCents(dropId);
        } else {
            Grab.Totals totals = Grab.ofPool(dropId);
            // Closed, nothing remains; not loaded yet, all of it; lost by Redis, what the ledger has not granted.
            remaining = switch (drop.status) {
                case SCHEDULED -> drop.packetCount;
                case ACTIVE, FROZEN -> drop.packetCount - totals.count();
                case CLOSING, CLOSED -> 0;
            };
            granted = totals.cents();
        }
        Optional<GrabView> mine = pools.claimOf(dropId, userId)
                .map(c -> new GrabView(c.grabId(), dropId, c.amountCents(), true))
                .or(() -> Grab.of(dropId, userId).map(g -> new GrabView(g.grabId, dropId, g.amountCents, true)));
        return new DropState(drop.id, drop.campaignId, drop.status, drop.packetCount, remaining, granted,
                drop.startsAt, drop.endsAt, mine.orElse(null));
    }
}
