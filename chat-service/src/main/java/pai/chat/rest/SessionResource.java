package pai.chat.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import pai.chat.rest.ChatDtos.ControlSession;
import pai.chat.rest.ChatDtos.SessionView;
import pai.chat.rest.ChatDtos.StartSession;
import pai.chat.service.playback.PlaybackService;
import pai.platform.security.CurrentUser;

/** Watch or listen together: one session per pai at a time, controlled by its host unless handed over. */
@Path("/api/chat/pais/{paiId}/sessions")
@RolesAllowed(CurrentUser.USER)
public class SessionResource {
    private final PlaybackService playback;
    private final CurrentUser user;

    public SessionResource(PlaybackService playback, CurrentUser user) {
        this.playback = playback;
        this.user = user;
    }

    @POST
    public Response start(@PathParam("paiId") String paiId, @Valid @NotNull StartSession request) {
        SessionView started = SessionView.of(playback.start(user.id(), paiId, request.kind(), request.mediaUrl(), request.title()));
        return Response.created(URI.create("/api/chat/pais/" + paiId + "/sessions/" + started.sessionId())).entity(started).build();
    }

    /** The current session, for a member who joins late. */
    @GET
    public SessionView current(@PathParam("paiId") String paiId) {
        return SessionView.at(playback.current(user.id(), paiId), System.currentTimeMillis());
    }

    @POST
    @Path("/{sessionId}/control")
    public SessionView control(@PathParam("paiId") String paiId, @PathParam("sessionId") String sessionId,
            @Valid @NotNull ControlSession request) {
        return SessionView.of(playback.control(user.id(), paiId, sessionId, request.action(), request.positionMs(), request.to()));
    }
}
