package pai.chat.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import pai.chat.rest.ChatDtos.CreatePai;
import pai.chat.rest.ChatDtos.InviteView;
import pai.chat.rest.ChatDtos.JoinPai;
import pai.chat.rest.ChatDtos.Joined;
import pai.chat.rest.ChatDtos.MarkRead;
import pai.chat.rest.ChatDtos.MemberView;
import pai.chat.rest.ChatDtos.MyPai;
import pai.chat.rest.ChatDtos.PaiView;
import pai.chat.rest.ChatDtos.ReadState;
import pai.chat.rest.ChatDtos.SetRole;
import pai.chat.service.pai.MemberDirectory;
import pai.chat.service.pai.PaiService;
import pai.events.chat.MemberRole;
import pai.platform.error.CommonRefusals;
import pai.platform.paging.Page;
import pai.platform.security.CurrentUser;

@Path("/api/chat/pais")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "pais", description = "Pais, their members and roles, invites and read cursors")
public class PaiResource {
    private final PaiService pais;
    private final MemberDirectory members;
    private final CurrentUser user;

    public PaiResource(PaiService pais, MemberDirectory members, CurrentUser user) {
        this.pais = pais;
        this.members = members;
        this.user = user;
    }

    @POST
    @Operation(summary = "Create a pai; the caller is its owner")
    @APIResponse(responseCode = "201", description = "The new pai, with its invite code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaiView.class)))
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    public Response create(@Valid @NotNull CreatePai request) {
        PaiView created = PaiView.of(pais.create(user.id(), request.name(), request.description()));
        return Response.created(URI.create("/api/chat/pais/" + created.id())).entity(created).build();
    }

    @POST
    @Path("/join")
    @Operation(summary = "Join a pai by its invite code; joining again answers the role the caller has")
    @APIResponse(responseCode = "200", description = "The pai joined and the caller's role in it")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    @APIResponse(responseCode = "404", description = "INVITE_NOT_FOUND: no pai has this invite code")
    public Joined join(@Valid @NotNull JoinPai request) {
        return Joined.of(pais.join(user.id(), request.inviteCode()));
    }

    /** The caller's pais with unread counts, newest joined first. */
    @GET
    @Operation(summary = "The caller's pais with unread counts, newest joined first; afterPaiId is the last pai seen")
    @APIResponse(responseCode = "200", description = "A page of the caller's pais")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD: afterPaiId is not one of the caller's pais, or a"
            + " parameter does not parse or is out of range")
    public Page<MyPai> mine(@QueryParam("afterPaiId") String afterPaiId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        var page = pais.mine(user.id(), afterPaiId, limit);
        return new Page<>(page.items().stream().map(MyPai::of).toList(), page.hasMore());
    }

    @GET
    @Path("/{paiId}")
    @Operation(summary = "A pai the caller is a member of")
    @APIResponse(responseCode = "200", description = "The pai")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    public PaiView get(@PathParam("paiId") String paiId) {
        return PaiView.of(pais.get(user.id(), paiId));
    }

    @GET
    @Path("/{paiId}/members")
    @Operation(summary = "The pai's members by user id; afterUserId is the last member seen")
    @APIResponse(responseCode = "200", description = "A page of members with their roles, names, display names and avatars")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    public Page<MemberView> members(@PathParam("paiId") String paiId, @QueryParam("afterUserId") String afterUserId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(200) int limit) {
        var page = members.page(user.id(), paiId, afterUserId, limit);
        return new Page<>(page.items().stream().map(MemberView::of).toList(), page.hasMore());
    }

    @POST
    @Path("/{paiId}/leave")
    @Operation(summary = "Leave the pai; an owner who leaves hands it to the longest-standing admin, else member")
    @APIResponse(responseCode = "204", description = "Left")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    public Response leave(@PathParam("paiId") String paiId) {
        pais.leave(user.id(), paiId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{paiId}/members/{userId}")
    @Operation(summary = "Remove a member: the owner removes anyone else, an admin removes members")
    @APIResponse(responseCode = "204", description = "Removed; their live connections close with 4403")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD: userId is the caller, who leaves instead")
    @APIResponse(responseCode = "403", description = "NOT_A_MEMBER, or INSUFFICIENT_ROLE: the caller's role cannot remove"
            + " this member's")
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND, or MEMBER_NOT_FOUND: userId is not in the pai")
    public Response remove(@PathParam("paiId") String paiId, @PathParam("userId") String userId) {
        pais.remove(user.id(), paiId, userId);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{paiId}/members/{userId}/role")
    @Operation(summary = "Make a member an ADMIN or a MEMBER (the owner)")
    @APIResponse(responseCode = "200", description = "The member with the role now held")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    @APIResponse(responseCode = "403", description = "NOT_A_MEMBER, or INSUFFICIENT_ROLE: only the owner sets roles")
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND, or MEMBER_NOT_FOUND: userId is not in the pai")
    @APIResponse(responseCode = "409", description = "OWNER_ROLE_FIXED: the owner's role changes only when the owner leaves")
    public MemberView setRole(@PathParam("paiId") String paiId, @PathParam("userId") String userId,
            @Valid @NotNull SetRole request) {
        return MemberView.of(members.setRole(user.id(), paiId, userId, MemberRole.valueOf(request.role().name())));
    }

    @POST
    @Path("/{paiId}/invite/rotate")
    @Operation(summary = "A new invite code (the owner); the old one stops working at once")
    @APIResponse(responseCode = "200", description = "The new invite code")
    @APIResponse(responseCode = "403", description = "NOT_A_MEMBER, or INSUFFICIENT_ROLE: only the owner rotates the invite")
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    public InviteView rotateInvite(@PathParam("paiId") String paiId) {
        return InviteView.of(pais.rotateInvite(user.id(), paiId));
    }

    @POST
    @Path("/{paiId}/read")
    @Operation(summary = "Move the caller's read cursor forward to seq (never back)")
    @APIResponse(responseCode = "200", description = "The read cursor and unread count now")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: seq is missing,"
            + " negative or beyond the pai's newest message")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    public ReadState markRead(@PathParam("paiId") String paiId, @Valid @NotNull MarkRead request) {
        return ReadState.of(pais.markRead(user.id(), paiId, request.seq()));
    }
}
