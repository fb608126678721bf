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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.platform.error.CommonRefusals;
import pai.platform.paging.Page;
import pai.platform.security.CurrentUser;
import pai.redpacket.rest.RedpacketDtos.CampaignStatsView;
import pai.redpacket.rest.RedpacketDtos.CampaignView;
import pai.redpacket.rest.RedpacketDtos.DropView;
import pai.redpacket.service.campaign.CampaignService;
import pai.redpacket.service.campaign.CreateCampaign;
import pai.redpacket.service.campaign.CreateDrop;
import pai.redpacket.service.campaign.DropService;
import pai.redpacket.service.grab.GrabStats;
import pai.redpacket.service.ledger.ReconciliationService;
import pai.redpacket.service.ledger.ReconciliationService.Reconciliation;

/** What campaign operators do: campaigns and their drops. */
@Path("/api/redpackets/campaigns")
@RolesAllowed(CurrentUser.OPERATOR)
@Tag(name = "campaigns", description = "Campaign operators: campaigns, their drops, and reconciliation")
public class CampaignResource {
    private final CampaignService campaigns;
    private final DropService drops;
    private final ReconciliationService reconciliation;
    private final GrabStats stats;
    private final CurrentUser user;

    public CampaignResource(CampaignService campaigns, DropService drops, ReconciliationService reconciliation,
            GrabStats stats, CurrentUser user) {
        this.campaigns = campaigns;
        this.drops = drops;
        this.reconciliation = reconciliation;
        this.stats = stats;
        this.user = user;
    }

    @POST
    @Operation(summary = "Create a campaign: its budget, window, time zone and grab and share-bonus rules")
    @APIResponse(responseCode = "201", description = "The new campaign, ACTIVE" + Answers.REPLAYED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: a window that ends"
            + " before it starts or in the past, a timezone no IANA zone, an Idempotency-Key not 1..100 characters; field"
            + " names it")
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for another"
            + " request, or that request is still running")
    public Response create(@HeaderParam(Answers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull CreateCampaign request) {
        return Answers.of(campaigns.create(user.id(), Answers.checkedKey(idempotencyKey), request, CampaignView::of));
    }

    @GET
    @Operation(summary = "Every campaign, newest first; before is the last createdAt seen")
    @APIResponse(responseCode = "200", description = "A page of campaigns with their money so far")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    public Page<CampaignView> list(@QueryParam("before") Instant before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return CampaignView.of(campaigns.list(before, limit));
    }

    @GET
    @Path("/{campaignId}")
    @Operation(summary = "A campaign with its reserved, granted, refunded and remaining cents and its grabs")
    @APIResponse(responseCode = "200", description = "The campaign")
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    public CampaignView get(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.get(campaignId));
    }

    @GET
    @Path("/{campaignId}/stats")
    @Tag(name = "stats")
    @Operation(summary = "The grab figures of GET /api/redpackets/stats for this campaign's drops alone, with its"
            + " budget, reserved, granted, refunded and remaining cents")
    @APIResponse(responseCode = "200", description = "The campaign's figures on this instance over the window, the"
            + " current second included")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    public CampaignStatsView stats(@PathParam("campaignId") String campaignId,
            @QueryParam("windowSeconds") @DefaultValue("10") @Min(1) @Max(GrabStats.SPAN_SECONDS) int windowSeconds) {
        return CampaignStatsView.of(campaigns.get(campaignId), stats.campaign(campaignId, windowSeconds));
    }

    @POST
    @Path("/{campaignId}/pause")
    @Operation(summary = "Pause a campaign: grabs stop in all its drops at once, their windows keep running")
    @APIResponse(responseCode = "200", description = "The campaign, PAUSED")
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    @APIResponse(responseCode = "409", description = "CAMPAIGN_NOT_ACTIVE: the campaign is cancelled")
    public CampaignView pause(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.pause(campaignId));
    }

    @POST
    @Path("/{campaignId}/resume")
    @Operation(summary = "Resume a paused campaign")
    @APIResponse(responseCode = "200", description = "The campaign, ACTIVE")
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    @APIResponse(responseCode = "409", description = "CAMPAIGN_NOT_ACTIVE: the campaign is cancelled")
    public CampaignView resume(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.resume(campaignId));
    }

    @POST
    @Path("/{campaignId}/cancel")
    @Operation(summary = "Cancel a campaign: every open drop closes, and what is unclaimed returns to the budget")
    @APIResponse(responseCode = "200", description = "The campaign, CANCELLED")
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    public CampaignView cancel(@PathParam("campaignId") String campaignId) {
        return CampaignView.of(campaigns.cancel(campaignId));
    }

    @GET
    @Path("/{campaignId}/reconciliation")
    @Operation(summary = "Compare the campaign's packets, claims, ledger, refunds and Redis, and list every difference")
    @APIResponse(responseCode = "200", description = "ok, the sums, and the differences found")
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    public Reconciliation reconciliation(@PathParam("campaignId") String campaignId) {
        return reconciliation.reconcile(campaignId);
    }

    @POST
    @Path("/{campaignId}/drops")
    @Operation(summary = "Create a drop of up to 1,000,000 packets, RANDOM (double mean) or EVEN, reserved from the budget")
    @APIResponse(responseCode = "201", description = "The new drop, SCHEDULED until Redis holds it" + Answers.REPLAYED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DropView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: fewer cents than"
            + " packets, a window outside the campaign's or in the past, an Idempotency-Key not 1..100 characters; field"
            + " names it")
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    @APIResponse(responseCode = "409", description = "INSUFFICIENT_BUDGET: the campaign has less left than the drop;"
            + " CAMPAIGN_NOT_ACTIVE: the campaign is paused or cancelled")
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for another"
            + " request, or that request is still running")
    public Response createDrop(@PathParam("campaignId") String campaignId,
            @HeaderParam(Answers.IDEMPOTENCY_KEY) String idempotencyKey, @Valid @NotNull CreateDrop request) {
        return Answers.of(campaigns.createDrop(user.id(), Answers.checkedKey(idempotencyKey), campaignId, request,
                DropView::of));
    }

    @GET
    @Path("/{campaignId}/drops")
    @Operation(summary = "The campaign's drops, newest first; before is the last createdAt seen")
    @APIResponse(responseCode = "200", description = "A page of drops")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: no such campaign")
    public Page<DropView> drops(@PathParam("campaignId") String campaignId, @QueryParam("before") Instant before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return DropView.of(drops.list(campaignId, before, limit));
    }
}
