package pai.redpacket.service.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.platform.error.InvalidFieldException;
import pai.platform.messaging.Outbox;
import pai.platform.paging.Page;
import pai.platform.paging.Paging;
import pai.platform.persistence.Ids;
import pai.platform.time.LocalTimeFields;
import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.CampaignStatus;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.messaging.RedpacketEvents;
import pai.redpacket.service.IdempotentRequests;
import pai.redpacket.service.RedpacketRefusals;
import pai.redpacket.service.pool.PacketPools;

/** Campaigns: their budgets, windows and rules, and pausing, resuming and cancelling them. */
@ApplicationScoped
public class CampaignService {

    private final PacketPools pools;
    private final DropService drops;
    private final IdempotentRequests idempotent;
    private final Outbox outbox;

    public CampaignService(PacketPools pools, DropService drops, IdempotentRequests idempotent, Outbox outbox) {
        this.pools = pools;
        this.drops = drops;
        this.idempotent = idempotent;
        this.outbox = outbox;
    }

    /** A campaign with what its drops granted so far. */
    public record Summary(Campaign campaign, Grab.Totals granted) {
    }

    /** {@code answer} is the body the request answers with, stored for a retry with the same key. */
    @Transactional
    public IdempotentRequests.Answer create(String operatorId, String idempotencyKey, CreateCampaign request,
            Function<Summary, ?> answer) {
        return idempotent.once(operatorId, idempotencyKey, "create-campaign", 201,
                () -> answer.apply(summary(create(operatorId, request))));
    }

    @Transactional
    public IdempotentRequests.Answer createDrop(String operatorId, String idempotencyKey, String campaignId,
            CreateDrop request, Function<PacketDrop, ?> answer) {
        return idempotent.once(operatorId, idempotencyKey, "create-drop:" + campaignId, 201,
                () -> answer.apply(drops.create(campaignId, request)));
    }

    private Campaign create(String operatorId, CreateCampaign request) {
        requireWindow(request.startsAt(), request.endsAt());
        String timezone = LocalTimeFields.zone("timezone", request.timezone());
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID().toString();
        campaign.name = request.name().strip();
        campaign.budgetCents = request.budgetCents();
        campaign.startsAt = request.startsAt();
        campaign.endsAt = request.endsAt();
        campaign.timezone = timezone;
        campaign.maxGrabsPerUser = request.maxGrabsPerUser();
        campaign.shareBonusGrabs = request.shareBonusGrabs();
        campaign.maxBonusGrabsPerUser = request.maxBonusGrabsPerUser();
        campaign.dailyShareRewardCap = request.dailyShareRewardCap();
        campaign.status = CampaignStatus.ACTIVE;
        campaign.createdBy = operatorId;
        campaign.createdAt = Instant.now();
        campaign.persist();
        outbox.append(RedpacketEvents.campaignChanged(campaign));
        return campaign;
    }

    /** A campaign's or a drop's window: it ends after it starts, and not in the past. */
    public static void requireWindow(Instant startsAt, Instant endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidFieldException("endsAt", "must be after startsAt");
        }
        if (!endsAt.isAfter(Instant.now())) {
            throw new InvalidFieldException("endsAt", "must be in the future");
        }
    }

    public Page<Summary> list(Instant before, int limit) {
        List<Campaign> fetched = Campaign.page(before == null ? Paging.END_OF_TIME : before, limit + 1);
        Page<Campaign> page = Page.ofOneExtra(fetched, limit);
        return new Page<>(page.items().stream().map(CampaignService::summary).toList(), page.hasMore());
    }

    public Summary get(String campaignId) {
        return summary(find(campaignId));
    }

    /** Pausing stops grabs in every loaded drop at once; their windows keep running. */
    @Transactional
    public Summary pause(String campaignId) {
        Campaign campaign = requireStatus(campaignId, CampaignStatus.ACTIVE, CampaignStatus.PAUSED);
        campaign.status = CampaignStatus.PAUSED;
        openDropsOf(campaignId).forEach(drop -> pools.setStatus(drop.id, false));
        outbox.append(RedpacketEvents.campaignChanged(campaign));
        return summary(campaign);
    }

    @Transactional
    public Summary resume(String campaignId) {
        Campaign campaign = requireStatus(campaignId, CampaignStatus.ACTIVE, CampaignStatus.PAUSED);
        campaign.status = CampaignStatus.ACTIVE;
        openDropsOf(campaignId).forEach(drop -> pools.setStatus(drop.id, true));
        outbox.append(RedpacketEvents.campaignChanged(campaign));
        return summary(campaign);
    }

    /** Cancelling closes every drop; what is unclaimed returns to the budget through the ledger. */
    @Transactional
    public Summary cancel(String campaignId) {
        Campaign campaign = find(campaignId);
        campaign.status = CampaignStatus.CANCELLED;
        openDropsOf(campaignId).forEach(drop -> drops.close(drop.id));
        outbox.append(RedpacketEvents.campaignChanged(campaign));
        return summary(campaign);
    }

    public static Campaign find(String campaignId) {
        return (Ids.storable(campaignId) ? Campaign.<Campaign>findByIdOptional(campaignId) : Optional.<Campaign>empty())
                .orElseThrow(() -> new RedpacketRefusals.CampaignNotFound(campaignId));
    }

    private static Campaign requireStatus(String campaignId, CampaignStatus... allowed) {
        Campaign campaign = find(campaignId);
        if (!List.of(allowed).contains(campaign.status)) {
            throw new RedpacketRefusals.CampaignNotActive(campaignId, campaign.status);
        }
        return campaign;
    }

    private static List<PacketDrop> openDropsOf(String campaignId) {
        return PacketDrop.ofCampaignInStatus(campaignId, List.of(PoolStatus.SCHEDULED, PoolStatus.ACTIVE));
    }

    private static Summary summary(Campaign campaign) {
        return new Summary(campaign, Grab.ofCampaign(campaign.id));
    }
}
