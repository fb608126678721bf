package pai.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import pai.platform.error.CommonRefusals;
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
@Tag(name = "lucky packets", description = "Lucky packets users send into their pais, from their wallets")
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
    @Operation(summary = "Send a lucky packet into a pai: 1..200 packets, at most 2,000,000 cents, debited from the wallet;"
            + " a PACKET card appears in the chat")
    @APIResponse(responseCode = "201", description = "The packet, open for 24 hours" + Answers.REPLAYED,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupPacketView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: fewer cents than"
            + " packets, a count or total out of range, an Idempotency-Key not 1..100 characters; field names it")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "409", description = "INSUFFICIENT_BALANCE: the wallet holds less than the packet")
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for another"
            + " request, or that request is still running")
    public Response send(@PathParam("paiId") String paiId, @HeaderParam(Answers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull SendPacket request) {
        return Answers.of(packets.send(user.id(), paiId, Answers.checkedKey(idempotencyKey), request,
                GroupPacketView::of));
    }

    @POST
    @Path("/packets/{packetId}/grab")
    @Operation(summary = "Grab a packet of a lucky packet: any member of its pai when grabbing, the sender included, once")
    @APIResponse(responseCode = "200", description = "The packet granted, or the caller's earlier grab with replayed: true")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PACKET_NOT_FOUND: no such lucky packet")
    @APIResponse(responseCode = "409", description = "PACKET_EXPIRED: its 24 hours are over")
    @APIResponse(responseCode = "410", description = "SOLD_OUT: every packet is taken")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many grab attempts this second; Retry-After says when")
    @APIResponse(responseCode = "503", description = "BUSY: the packet is opening, or being rebuilt after Redis lost it, or"
            + " the grabs waiting to be relayed to Kafka passed their limit; try again in a moment")
    public Uni<PacketGrabView> grab(@PathParam("packetId") String packetId) {
        return grabs.grabGroupPacket(user.id(), packetId)
                .map(g -> new PacketGrabView(g.claim().grabId(), packetId, g.claim().amountCents(), g.replayed()));
    }

    @GET
    @Path("/packets/{packetId}")
    @Operation(summary = "A lucky packet: who took what, and the luckiest once all are taken")
    @APIResponse(responseCode = "200", description = "The packet and its claims")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PACKET_NOT_FOUND: no such lucky packet")
    public GroupPacketState get(@PathParam("packetId") String packetId) {
        return GroupPacketState.of(packets.progress(packetId, user.id()));
    }
}
