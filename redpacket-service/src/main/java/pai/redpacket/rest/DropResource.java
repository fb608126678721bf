package pai.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import pai.platform.security.CurrentUser;
import pai.redpacket.rest.RedpacketDtos.DropState;
import pai.redpacket.rest.RedpacketDtos.GrabView;
import pai.redpacket.service.campaign.DropService;
import pai.redpacket.service.grab.GrabService;

@Path("/api/redpackets/drops/{dropId}")
@Tag(name = "drops", description = "A campaign's drops: grab one, see one; an operator cancels one")
public class DropResource {
    private final GrabService grabs;
    private final DropService drops;
    private final CurrentUser user;

    public DropResource(GrabService grabs, DropService drops, CurrentUser user) {
        this.grabs = grabs;
        this.drops = drops;
        this.user = user;
    }

    /** Runs on the event loop: the answer comes from one Redis script. */
    @POST
    @Path("/grab")
    @RolesAllowed(CurrentUser.USER)
    @Operation(summary = "Grab a packet of the drop: one per user and drop, within the campaign's chances")
    @APIResponse(responseCode = "200", description = "The packet granted, or the caller's earlier grab of this drop with"
            + " replayed: true")
    @APIResponse(responseCode = "404", description = "DROP_NOT_FOUND: no such drop")
    @APIResponse(responseCode = "409", description = "DROP_NOT_ACTIVE: not started, paused, ended or cancelled;"
            + " GRAB_LIMIT_REACHED: the caller's chances in the campaign are used up")
    @APIResponse(responseCode = "410", description = "SOLD_OUT: every packet of the drop is taken")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many grab attempts this second; Retry-After says when")
    @APIResponse(responseCode = "503", description = "BUSY: the grabs waiting to be relayed to Kafka passed their limit,"
            + " or the drop is being rebuilt after Redis lost it; try again in a moment")
    public Uni<GrabView> grab(@PathParam("dropId") String dropId) {
        return grabs.grabDrop(user.id(), dropId)
                .map(g -> new GrabView(g.claim().grabId(), dropId, g.claim().amountCents(), g.replayed()));
    }

    @GET
    @RolesAllowed(CurrentUser.USER)
    @Operation(summary = "A drop: its status, packets left, cents granted, and the caller's grab")
    @APIResponse(responseCode = "200", description = "The drop")
    @APIResponse(responseCode = "404", description = "DROP_NOT_FOUND: no such drop")
    public DropState get(@PathParam("dropId") String dropId) {
        return DropState.of(drops.progress(user.id(), dropId));
    }

    @POST
    @Path("/cancel")
    @RolesAllowed(CurrentUser.OPERATOR)
    @Operation(summary = "Cancel a drop (operators): grabs stop, and what is unclaimed returns to the budget once")
    @APIResponse(responseCode = "200", description = "The drop, closing")
    @APIResponse(responseCode = "404", description = "DROP_NOT_FOUND: no such drop")
    public DropState cancel(@PathParam("dropId") String dropId) {
        drops.close(dropId);
        return DropState.of(drops.progress(user.id(), dropId));
    }
}
