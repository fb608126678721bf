package pai.redpacket.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.platform.error.InvalidFieldException;
import pai.platform.messaging.Outbox;
import pai.platform.rest.Page;
import pai.platform.rest.Paging;
import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.CampaignStatus;
import pai.redpacket.domain.DropStatus;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.Ledger;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.PacketSplitter;
import pai.redpacket.domain.PoolPackets;
import pai.redpacket.messaging.RedpacketEvents;
import pai.redpacket.rest.RedpacketDtos.CreateDrop;
import pai.redpacket.rest.RedpacketDtos.DropView;

/**
 * Drops from creation to refund. Creating one is one transaction: the reservation against the
 * budget, the drop, all its packets and the event. Loading, closing and cancelling hold the
 * drop's row lock, so they never interleave, whichever instance runs them.
 */
@ApplicationScoped
public class DropService implements RecoverablePools {
    private static final Logger LOG = Logger.getLogger(DropService.class);
    private static final SecureRandom SEEDS = new SecureRandom();

    private final PacketPools pools;
    private final PoolRebuilder rebuilder;
    private final Ledger ledger;
    private final Outbox outbox;

    public DropService(PacketPools pools, PoolRebuilder rebuilder, Ledger ledger, Outbox outbox) {
        this.pools = pools;
        this.rebuilder = rebuilder;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public DropView create(String campaignId, CreateDrop request) {
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
        drop.status = DropStatus.SCHEDULED;
        drop.createdAt = Instant.now();
        drop.persist();
        PoolPackets.of(drop.id, PacketSplitter.split(drop.amountCents, drop.packetCount, drop.split,
                new SplittableRandom(SEEDS.nextLong()))).persist();
        outbox.append(RedpacketEvents.dropStage(drop, LifecycleStage.CREATED, drop.amountCents));
        return view(drop);
    }

    public Page<DropView> list(String campaignId, Instant before, int limit) {
        CampaignService.find(campaignId);
        Page<PacketDrop> page = Page.ofOneExtra(
                PacketDrop.ofCampaign(campaignId, before == null ? Paging.END_OF_TIME : before, limit + 1), limit);
        return new Page<>(page.items().stream().map(DropService::view).toList(), page.hasMore());
    }

    public static PacketDrop find(String dropId) {
        return (Ids.storable(dropId) ? PacketDrop.<PacketDrop>findByIdOptional(dropId) : Optional.<PacketDrop>empty())
                .orElseThrow(() -> new RedpacketRefusals.DropNotFound(dropId));
    }

    /** Copies a scheduled drop into Redis and turns it ACTIVE; a no-op for a drop that is no longer SCHEDULED. */
    @Transactional
    public void load(String dropId) {
        PacketDrop drop = PacketDrop.lock(dropId);
        if (drop == null || drop.status != DropStatus.SCHEDULED) {
            return;
        }
        Campaign campaign = Campaign.findById(drop.campaignId);
        PoolPackets packets = PoolPackets.findById(dropId);
        boolean loaded = pools.load(poolOf(drop), packets.amounts, drop.startsAt, drop.endsAt, campaign.maxGrabsPerUser,
                drop.amountCents, campaign.status != CampaignStatus.ACTIVE);
        if (loaded) {
            drop.status = DropStatus.ACTIVE;
            outbox.append(RedpacketEvents.dropStage(drop, LifecycleStage.ACTIVATED, drop.amountCents));
        }
    }

    /** Closes a drop at its end or on cancel: grabs stop, and the remainder goes back exactly once. */
    @Transactional
    public void close(String dropId) {
        close(find(dropId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void close(PacketDrop unlocked) {
        PacketDrop drop = PacketDrop.lock(unlocked.id);
        if (drop.status == DropStatus.CLOSING || drop.status == DropStatus.CLOSED) {
            return;
        }
        PacketPools.Closed closed = pools.close(poolOf(drop));
        if (closed.closedNow() || pools.isLoaded(drop.id)) {
            // The close entry is in the stream; the ledger refunds it and marks the drop CLOSED.
            drop.status = DropStatus.CLOSING;
        } else if (drop.status == DropStatus.SCHEDULED) {
            // Never loaded, and the row lock keeps the loader out: all of it goes back now.
            refund(drop, drop.amountCents, drop.packetCount);
        } else {
            LOG.errorf("drop %s is ACTIVE but Redis does not hold it; it needs a rebuild before it can close", drop.id);
            return;
        }
        drop.closedAt = Instant.now();
    }

    @Override
    public List<PacketPools.Pool> active() {
        return PacketDrop.<PacketDrop>list("status", DropStatus.ACTIVE).stream().map(DropService::poolOf).toList();
    }

    @Override
    public List<PacketPools.Pool> frozen() {
        return PacketDrop.<PacketDrop>list("status", DropStatus.FROZEN).stream().map(DropService::poolOf).toList();
    }

    /** An ACTIVE drop that Redis no longer holds freezes: grabs wait (503) until it is rebuilt. */
    @Override
    @Transactional
    public void freezeIfLost(String dropId) {
        PacketDrop drop = PacketDrop.lock(dropId);
        if (drop.status == DropStatus.ACTIVE && rebuilder.isLost(poolOf(drop))) {
            LOG.errorf("Redis lost drop %s; it is frozen until the ledger has every relayed grab", dropId);
            drop.status = DropStatus.FROZEN;
        }
    }

    /** Rebuilds a frozen drop from PostgreSQL, with its campaign's limits and whether the campaign is paused. */
    @Override
    @Transactional
    public void rebuild(String dropId) {
        PacketDrop drop = PacketDrop.lock(dropId);
        if (drop.status != DropStatus.FROZEN) {
            return;
        }
        Campaign campaign = Campaign.findById(drop.campaignId);
        if (rebuilder.rebuild(poolOf(drop), drop.startsAt, drop.endsAt, campaign.maxGrabsPerUser,
                campaign.maxBonusGrabsPerUser, campaign.status != CampaignStatus.ACTIVE)) {
            drop.status = DropStatus.ACTIVE;
        }
    }

    @Override
    public List<PacketPools.Pool> closing() {
        return PacketDrop.<PacketDrop>list("status", DropStatus.CLOSING).stream().map(DropService::poolOf).toList();
    }

    @Override
    @Transactional
    public void refundIfCloseLost(String dropId) {
        PacketDrop drop = PacketDrop.lock(dropId);
        if (drop.status != DropStatus.CLOSING || pools.isLoaded(drop.id)) {
            return;
        }
        Grab.Totals granted = Grab.ofPool(drop.id);
        LOG.errorf("Redis lost the close of drop %s; refunding what the ledger did not grant", dropId);
        refund(drop, drop.amountCents - granted.cents(), drop.packetCount - (int) granted.count());
    }

    /** Returns a closed drop's remainder to its campaign; the refund row makes a repeat do nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refund(PacketDrop drop, long amountCents, int packets) {
        if (ledger.recordRefund(drop.id, PoolKind.DROP.name(), drop.campaignId, amountCents, packets, Instant.now())) {
            Campaign.returnToBudget(drop.campaignId, amountCents);
            outbox.append(RedpacketEvents.dropStage(drop, LifecycleStage.REFUNDED, amountCents));
        }
        drop.status = DropStatus.CLOSED;
    }

    public List<PacketDrop> dueForLoading(Instant until) {
        return PacketDrop.dueForLoading(until, 50);
    }

    public List<PacketDrop> dueForClosing(Instant now) {
        return PacketDrop.dueForClosing(now, 50);
    }

    public static PacketPools.Pool poolOf(PacketDrop drop) {
        return new PacketPools.Pool(PoolKind.DROP, drop.id, drop.campaignId);
    }

    static DropView view(PacketDrop drop) {
        return new DropView(drop.id, drop.campaignId, drop.packetCount, drop.amountCents, drop.split, drop.startsAt,
                drop.endsAt, drop.status, drop.createdAt);
    }
}
