package pai.redpacket.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import pai.platform.rest.Page;
import pai.platform.security.CurrentUser;
import pai.redpacket.rest.RedpacketDtos.CampaignView;
import pai.redpacket.rest.RedpacketDtos.DropView;
import pai.redpacket.service.campaign.CampaignService;
import pai.redpacket.service.campaign.CreateCampaign;
import pai.redpacket.service.campaign.CreateDrop;
import pai.redpacket.service.campaign.DropService;
import pai.redpacket.service.ledger.ReconciliationService;
import pai.redpacket.service.ledger.ReconciliationService.Reconciliation;

/** What campaign operators do: campaigns and their drops. */
@Path("/api/redpackets/campaigns")
@RolesAllowed(CurrentUser.OPERATOR)
public class CampaignResource {
    private final CampaignService campaigns;
    private final DropService drops;
    private final ReconciliationService reconciliation;
    private final CurrentUser user;

    public CampaignResource(CampaignService campaigns, DropService drops, ReconciliationService reconciliation,
            CurrentUser user) {
        this.campaigns = campaigns;
        this.drops = drops;
        this.reconciliation = reconciliation;
        this.user = user;
    }

    @POST
    public Response create(@HeaderParam(Answers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull CreateCampaign request) {
        return Answers.of(campaigns.create(user.id(), Answers.checkedKey(idempotencyKey), request, CampaignView::of));
    }

    @GET
    public Page<CampaignView> list(@QueryParam("before") Instant before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return CampaignView.of(campaigns.list(before, limit));
    }

    @GET
    @Path("/{campaignId}")
    public CampaignView get(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.get(campaignId));
    }

    @POST
    @Path("/{campaignId}/pause")
    public CampaignView pause(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.pause(campaignId));
    }

    @POST
    @Path("/{campaignId}/resume")
    public CampaignView resume(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.resume(campaignId));
    }

    @POST
    @Path("/{campaignId}/cancel")
    public CampaignView cancel(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.cancel(campaignId));
    }

    @GET
    @Path("/{campaignId}/reconciliation")
    public Reconciliation reconciliation(@PathParam("campaignId") String campaignId) {
        return reconciliation.reconcile(campaignId);
    }

    @POST
    @Path("/{campaignId}/drops")
    public Response createDrop(@PathParam("campaignId") String campaignId,
            @HeaderParam(Answers.IDEMPOTENCY_KEY) String idempotencyKey, @Valid @NotNull CreateDrop request) {
        return Answers.of(campaigns.createDrop(user.id(), Answers.checkedKey(idempotencyKey), campaignId, request,
                DropView::of));
    }

    @GET
    @Path("/{campaignId}/drops")
    public Page<DropView> drops(@PathParam("campaignId") String campaignId, @QueryParam("before") Instant before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return DropView.of(drops.list(campaignId, before, limit));
    }
}
