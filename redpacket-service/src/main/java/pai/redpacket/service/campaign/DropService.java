package pai.redpacket.service.campaign;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.events.redpacket.LifecycleStage;
import pai.platform.error.InvalidFieldException;
import pai.platform.messaging.Outbox;
import pai.platform.paging.Page;
import pai.platform.paging.Paging;
import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.CampaignStatus;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.PacketSplitter;
import pai.redpacket.domain.PoolPackets;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.messaging.RedpacketEvents;
import pai.redpacket.service.RedpacketRefusals;
import pai.redpacket.service.pool.PacketPools;
import pai.redpacket.service.pool.PoolLifecycle;

/**
 * Drops from creation to refund. Creating one is one transaction: the reservation against the
 * budget, the drop, all its packets and the event. Loading, closing and refunding are the pool
 * lifecycle's, with a drop's rules.
 */
@ApplicationScoped
public class DropService {
    private static final SecureRandom SEEDS = new SecureRandom();

    private final DropRules rules;
    private final PoolLifecycle lifecycle;
    private final PacketPools pools;
    private final Outbox outbox;

    public DropService(DropRules rules, PoolLifecycle lifecycle, PacketPools pools, Outbox outbox) {
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.pools = pools;
        this.outbox = outbox;
    }

    /** A drop as a user sees it: how much is left, and their own grab if they made one. */
    public record Progress(PacketDrop drop, long remainingPackets, long grantedCents, Optional<PacketPools.Claim> mine) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PacketDrop create(String campaignId, CreateDrop request) {
        Campaign campaign = CampaignService.find(campaignId);
        if (campaign.status != CampaignStatus.ACTIVE) {
            throw new RedpacketRefusals.CampaignNotActive(campaignId, campaign.status);
        }
        if (request.amountCents() < request.packetCount()) {
            throw new InvalidFieldException("amountCents", "must give every packet at least 1 cent ("
                    + request.packetCount() + " cents for " + request.packetCount() + " packets)");
        }
        CampaignService.requireWindow(request.startsAt(), request.endsAt());
        if (request.startsAt().isBefore(campaign.startsAt)) {
            throw new InvalidFieldException("startsAt", "must not be before the campaign starts (" + campaign.startsAt + ")");
        }
        if (request.endsAt().isAfter(campaign.endsAt)) {
            throw new InvalidFieldException("endsAt", "must not be after the campaign ends (" + campaign.endsAt + ")");
        }
        if (!Campaign.reserve(campaignId, request.amountCents())) {
            throw new RedpacketRefusals.InsufficientBudget(campaign.remainingCents(), request.amountCents());
        }
        PacketDrop drop = new PacketDrop();
        drop.id = UUID.randomUUID().toString();
        drop.campaignId = campaignId;
        drop.packetCount = request.packetCount();
        drop.amountCents = request.amountCents();
        drop.split = request.split();
        drop.startsAt = request.startsAt();
        drop.endsAt = request.endsAt();
        drop.status = PoolStatus.SCHEDULED;
        drop.createdAt = Instant.now();
        drop.persist();
        PoolPackets.of(drop.id, PacketSplitter.split(drop.amountCents, drop.packetCount, drop.split,
                new SplittableRandom(SEEDS.nextLong()))).persist();
        outbox.append(RedpacketEvents.dropStage(drop, LifecycleStage.CREATED, drop.amountCents));
        return drop;
    }

    public Page<PacketDrop> list(String campaignId, Instant before, int limit) {
        CampaignService.find(campaignId);
        return Page.ofOneExtra(
                PacketDrop.ofCampaign(campaignId, before == null ? Paging.END_OF_TIME : before, limit + 1), limit);
    }

    public PacketDrop find(String dropId) {
        return rules.find(dropId);
    }

    /** Closes a drop at its end or on cancel: grabs stop, and the remainder goes back exactly once. */
    @Transactional
    public void close(String dropId) {
        lifecycle.close(rules, find(dropId).id);
    }

    public Progress progress(String userId, String dropId) {
        PacketDrop drop = find(dropId);
        long remaining;
        long granted;
        if (drop.status == PoolStatus.ACTIVE && pools.isLoaded(dropId)) {
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
        Optional<PacketPools.Claim> mine = pools.claimOf(dropId, userId).or(() -> Grab.of(dropId, userId)
                .map(g -> new PacketPools.Claim(g.grabId, g.packetIndex, g.amountCents, g.grabbedAt)));
        return new Progress(drop, remaining, granted, mine);
    }

    /**
     * Why Redis did not grant a grab of a drop the ledger has no grab of. Redis lost an active drop:
     * it freezes at the scheduler's next tick and is rebuilt, so the grab is worth a retry, not a
     * "not active".
     */
    public RuntimeException refusalWhenNotOpen(String dropId, PacketPools.GrabOutcome outcome) {
        PoolStatus status = find(dropId).status;
        if (status == PoolStatus.FROZEN || status == PoolStatus.ACTIVE && outcome == PacketPools.GrabOutcome.NOT_LOADED) {
            return new RedpacketRefusals.Busy();
        }
        return new RedpacketRefusals.DropNotActive(dropId);
    }
}
