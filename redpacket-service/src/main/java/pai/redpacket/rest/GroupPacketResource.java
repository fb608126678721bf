package pai.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import pai.platform.security.CurrentUser;
import pai.redpacket.rest.RedpacketDtos.GroupPacketState;
import pai.redpacket.rest.RedpacketDtos.GroupPacketView;
import pai.redpacket.rest.RedpacketDtos.PacketGrabView;
import pai.redpacket.service.grab.GrabService;
import pai.redpacket.service.grouppacket.GroupPacketService;
import pai.redpacket.service.grouppacket.SendPacket;

/** Lucky packets users send into their pais. */
@Path("/api/redpackets")
@RolesAllowed(CurrentUser.USER)
public class GroupPacketResource {
    private final GroupPacketService packets;
    private final GrabService grabs;
    private final CurrentUser user;

    public GroupPacketResource(GroupPacketService packets, GrabService grabs, CurrentUser user) {
        this.packets = packets;
        this.grabs = grabs;
        this.user = user;
    }

    @POST
    @Path("/pais/{paiId}/packets")
    public Response send(@PathParam("paiId") String paiId, @HeaderParam(Answers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull SendPacket request) {
        return Answers.of(packets.send(user.id(), paiId, Answers.checkedKey(idempotencyKey), request,
                GroupPacketView::of));
    }

    @POST
    @Path("/packets/{packetId}/grab")
    public Uni<PacketGrabView> grab(@PathParam("packetId") String packetId) {
        return grabs.grabGroupPacket(user.id(), packetId)
                .map(g -> new PacketGrabView(g.claim().grabId(), packetId, g.claim().amountCents(), g.replayed()));
    }

    @GET
    @Path("/packets/{packetId}")
    public GroupPacketState get(@PathParam("packetId") String packetId) {
        return GroupPacketState.of(packets.progress(packetId, user.id()));
    }
}
