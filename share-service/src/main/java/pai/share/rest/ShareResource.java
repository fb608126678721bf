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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import pai.platform.error.RateLimitedException;
import pai.platform.rest.Page;
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
@Tag(name = "shares")
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
    @Operation(summary = "A share link to a CAMPAIGN, DROP, PAI or PACKET on a channel (201; 200 with the same code on a repeat);"
            + " 404 TARGET_NOT_FOUND, 403 NOT_A_MEMBER, 409 TARGET_CLOSED")
    public Response share(@Valid @NotNull CreateShare request, @Context UriInfo uri) {
        ShareLinks.Shared shared = links.share(user.id(), request.targetType(), request.targetId(), request.channel());
        return Response.status(shared.created() ? 201 : 200).entity(ShareView.of(shared.link(), uri.getBaseUri())).build();
    }

    @POST
    @Path("/{code}/accept")
    @Operation(summary = "Accept a link as a signed-in visitor: {rewarded, bonusGrabs} or {rewarded: false, reason};"
            + " 404 SHARE_NOT_FOUND, 429 RATE_LIMITED (reason VELOCITY_ADDRESS or VELOCITY_VISITOR)")
    public AcceptView accept(@PathParam("code") String code, @Context HttpServerRequest request) {
        Accepts.Outcome outcome = accepts.accept(links.find(code), user.id(), LandingResource.addressOf(request));
        if (outcome.refusal() == RefusalReason.VELOCITY_ADDRESS || outcome.refusal() == RefusalReason.VELOCITY_VISITOR) {
            throw new RateLimitedException(outcome.retryAfterSeconds(), "too many accepts in a short time; try later",
                    outcome.refusal().name());
        }
        return AcceptView.of(outcome);
    }

    @GET
    @Path("/mine")
    @Operation(summary = "My links, newest first, with their clicks, accepts and rewards; before is the last createdAt seen")
    public Page<MyShare> mine(@QueryParam("before") Instant before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit, @Context UriInfo uri) {
        Page<ShareStats.LinkWithCounts> page = stats.mine(user.id(), before, limit);
        return new Page<>(page.items().stream().map(row -> MyShare.of(row, uri.getBaseUri())).toList(), page.hasMore());
    }

    @GET
    @Path("/campaigns/{campaignId}/funnel")
    @RolesAllowed(CurrentUser.OPERATOR)
    @Operation(summary = "The campaign's share funnel (operators): shares, clicks, accepts, rewards, refusals by reason,"
            + " by channel; 404 CAMPAIGN_NOT_FOUND")
    public Funnel funnel(@PathParam("campaignId") String campaignId) {
        return Funnel.of(campaignId, stats.funnel(campaignId));
    }
}
