package pai.share.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import pai.platform.error.CommonRefusals;
import pai.platform.error.RateLimitedException;
import pai.platform.paging.Page;
import pai.platform.rest.ClientAddress;
import pai.platform.security.CurrentUser;
import pai.share.domain.RefusalReason;
import pai.share.rest.ShareDtos.AcceptView;
import pai.share.rest.ShareDtos.CreateShare;
import pai.share.rest.ShareDtos.Funnel;
import pai.share.rest.ShareDtos.MyShare;
import pai.share.rest.ShareDtos.ShareView;
import pai.share.service.accept.Accepts;
import pai.share.service.link.ShareLinks;
import pai.share.service.stats.ShareStats;

/** Share links for signed-in people: make one, accept one, see what yours did; the funnel for operators. */
@Path("/api/shares")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "shares", description = "Share links: make one, accept one, see what yours did; the operators' funnel")
public class ShareResource {
    private final ShareLinks links;
    private final Accepts accepts;
    private final ShareStats stats;
    private final CurrentUser user;

    public ShareResource(ShareLinks links, Accepts accepts, ShareStats stats, CurrentUser user) {
        this.links = links;
        this.accepts = accepts;
        this.stats = stats;
        this.user = user;
    }

    /** 201 with a new link; 200 with the same link when the caller already shared this target on this channel. */
    @POST
    @Operation(summary = "A share link to a CAMPAIGN, DROP, PAI or PACKET on a channel; one per sharer, target and channel")
    @APIResponse(responseCode = "201", description = "The new link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareView.class)))
    @APIResponse(responseCode = "200", description = "The caller's link for this target and channel, made earlier",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareView.class)))
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    @APIResponse(responseCode = "403", description = "NOT_A_MEMBER: a pai, or a lucky packet's pai, the caller is not in")
    @APIResponse(responseCode = "404", description = "TARGET_NOT_FOUND: no such campaign, drop or lucky packet")
    @APIResponse(responseCode = "409", description = "TARGET_CLOSED: the campaign ended or was cancelled, the drop is sold"
            + " out or closed, the lucky packet expired")
    public Response share(@Valid @NotNull CreateShare request, @Context UriInfo uri) {
        ShareLinks.Shared shared = links.share(user.id(), request.targetType(), request.targetId(), request.channel());
        return Response.status(shared.created() ? 201 : 200).entity(ShareView.of(shared.link(), uri.getBaseUri())).build();
    }

    @POST
    @Path("/{code}/accept")
    @Operation(summary = "Accept a link as a signed-in visitor; the sharer is rewarded by the campaign's rules")
    @APIResponse(responseCode = "200", description = "{rewarded: true, bonusGrabs}, or {rewarded: false, reason} naming the"
            + " rule that refused the reward (the accept is recorded either way)")
    @APIResponse(responseCode = "404", description = "SHARE_NOT_FOUND: no link has this code")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many accepts from this address or by this visitor"
            + " (reason VELOCITY_ADDRESS or VELOCITY_VISITOR); Retry-After says when to come back")
    public AcceptView accept(@PathParam("code") String code, @Context HttpServerRequest request) {
        Accepts.Outcome outcome = accepts.accept(links.find(code), user.id(), ClientAddress.of(request));
        if (outcome.refusal() == RefusalReason.VELOCITY_ADDRESS || outcome.refusal() == RefusalReason.VELOCITY_VISITOR) {
            throw new RateLimitedException(outcome.retryAfterSeconds(), "too many accepts in a short time; try later",
                    outcome.refusal().name());
        }
        return AcceptView.of(outcome);
    }

    @GET
    @Path("/mine")
    @Operation(summary = "My links, newest first, with their clicks, accepts and rewards; before is the last createdAt seen")
    @APIResponse(responseCode = "200", description = "A page of the caller's links")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    public Page<MyShare> mine(@QueryParam("before") Instant before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit, @Context UriInfo uri) {
        Page<ShareStats.LinkWithCounts> page = stats.mine(user.id(), before, limit);
        return new Page<>(page.items().stream().map(row -> MyShare.of(row, uri.getBaseUri())).toList(), page.hasMore());
    }

    @GET
    @Path("/campaigns/{campaignId}/funnel")
    @RolesAllowed(CurrentUser.OPERATOR)
    @Operation(summary = "The campaign's share funnel (operators): shares, clicks, accepts, rewards, refusals by reason,"
            + " by channel")
    @APIResponse(responseCode = "200", description = "The funnel, counted from the stored rows now")
    @APIResponse(responseCode = "404", description = "CAMPAIGN_NOT_FOUND: share-service knows no such campaign")
    public Funnel funnel(@PathParam("campaignId") String campaignId) {
        return Funnel.of(campaignId, stats.funnel(campaignId));
    }
}
