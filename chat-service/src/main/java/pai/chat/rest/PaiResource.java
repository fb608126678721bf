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
import jakarta.ws.rs.core.Response;

import pai.chat.rest.ChatDtos.CreatePai;
import pai.chat.rest.ChatDtos.InviteView;
import pai.chat.rest.ChatDtos.JoinPai;
import pai.chat.rest.ChatDtos.MarkRead;
import pai.chat.rest.ChatDtos.Joined;
import pai.chat.rest.ChatDtos.MemberView;
import pai.chat.rest.ChatDtos.MyPai;
import pai.chat.rest.ChatDtos.PaiView;
import pai.chat.rest.ChatDtos.ReadState;
import pai.chat.rest.ChatDtos.SetRole;
import pai.chat.service.pai.PaiService;
import pai.events.chat.MemberRole;
import pai.platform.rest.Page;
import pai.platform.security.CurrentUser;

@Path("/api/chat/pais")
@RolesAllowed(CurrentUser.USER)
public class PaiResource {
    private final PaiService pais;
    private final CurrentUser user;

    public PaiResource(PaiService pais, CurrentUser user) {
        this.pais = pais;
        this.user = user;
    }

    @POST
    public Response create(@Valid @NotNull CreatePai request) {
        PaiView created = PaiView.of(pais.create(user.id(), request.name(), request.description()));
        return Response.created(URI.create("/api/chat/pais/" + created.id())).entity(created).build();
    }

    @POST
    @Path("/join")
    public Joined join(@Valid @NotNull JoinPai request) {
        return Joined.of(pais.join(user.id(), request.inviteCode()));
    }

    /** The caller's pais with unread counts, newest joined first. */
    @GET
    public Page<MyPai> mine(@QueryParam("afterPaiId") String afterPaiId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        var page = pais.mine(user.id(), afterPaiId, limit);
        return new Page<>(page.items().stream().map(MyPai::of).toList(), page.hasMore());
    }

    @GET
    @Path("/{paiId}")
    public PaiView get(@PathParam("paiId") String paiId) {
        return PaiView.of(pais.get(user.id(), paiId));
    }

    @GET
    @Path("/{paiId}/members")
    public Page<MemberView> members(@PathParam("paiId") String paiId, @QueryParam("afterUserId") String afterUserId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(200) int limit) {
        var page = pais.members(user.id(), paiId, afterUserId, limit);
        return new Page<>(page.items().stream().map(MemberView::of).toList(), page.hasMore());
    }

    @POST
    @Path("/{paiId}/leave")
    public Response leave(@PathParam("paiId") String paiId) {
        pais.leave(user.id(), paiId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{paiId}/members/{userId}")
    public Response remove(@PathParam("paiId") String paiId, @PathParam("userId") String userId) {
        pais.remove(user.id(), paiId, userId);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{paiId}/members/{userId}/role")
    public MemberView setRole(@PathParam("paiId") String paiId, @PathParam("userId") String userId,
            @Valid @NotNull SetRole request) {
        return MemberView.of(pais.setRole(user.id(), paiId, userId, MemberRole.valueOf(request.role().name())));
    }

    @POST
    @Path("/{paiId}/invite/rotate")
    public InviteView rotateInvite(@PathParam("paiId") String paiId) {
        return InviteView.of(pais.rotateInvite(user.id(), paiId));
    }

    @POST
    @Path("/{paiId}/read")
    public ReadState markRead(@PathParam("paiId") String paiId, @Valid @NotNull MarkRead request) {
        return ReadState.of(pais.markRead(user.id(), paiId, request.seq()));
    }
}
