package pai.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.smallrye.mutiny.Uni;
import pai.platform.security.CurrentUser;
import pai.redpacket.rest.RedpacketDtos.DropState;
import pai.redpacket.rest.RedpacketDtos.GrabView;
import pai.redpacket.service.campaign.DropService;
import pai.redpacket.service.grab.GrabService;

@Path("/api/redpackets/drops/{dropId}")
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
    public Uni<GrabView> grab(@PathParam("dropId") String dropId) {
        return grabs.grabDrop(user.id(), dropId)
                .map(g -> new GrabView(g.claim().grabId(), dropId, g.claim().amountCents(), g.replayed()));
    }

    @GET
    @RolesAllowed(CurrentUser.USER)
    public DropState get(@PathParam("dropId") String dropId) {
        return DropState.of(drops.progress(user.id(), dropId));
    }

    @POST
    @Path("/cancel")
    @RolesAllowed(CurrentUser.OPERATOR)
    public DropState cancel(@PathParam("dropId") String dropId) {
        drops.close(dropId);
        return DropState.of(drops.progress(user.id(), dropId));
    }
}
