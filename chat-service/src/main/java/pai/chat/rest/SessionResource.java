package pai.chat.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
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

import pai.chat.rest.ChatDtos.ControlSession;
import pai.chat.rest.ChatDtos.SessionView;
import pai.chat.rest.ChatDtos.StartSession;
import pai.chat.service.playback.PlaybackService;
import pai.platform.error.CommonRefusals;
import pai.platform.security.CurrentUser;

/** Watch or listen together: one session per pai at a time, controlled by its host unless handed over. */
@Path("/api/chat/pais/{paiId}/sessions")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "sessions", description = "Watch or listen together: one session per pai, controlled by its host unless"
        + " handed over")
public class SessionResource {
    private final PlaybackService playback;
    private final CurrentUser user;

    public SessionResource(PlaybackService playback, CurrentUser user) {
        this.playback = playback;
        this.user = user;
    }

    @POST
    @Operation(summary = "Start a WATCH or LISTEN session with the caller as host; a PLAYBACK card appears in the chat")
    @APIResponse(responseCode = "201", description = "The new session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: mediaUrl is no http or"
            + " https URL, or another field is wrong; field names it")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    @APIResponse(responseCode = "409", description = "SESSION_ACTIVE: the pai has a session; end it first")
    public Response start(@PathParam("paiId") String paiId, @Valid @NotNull StartSession request) {
        SessionView started = SessionView.of(playback.start(user.id(), paiId, request.kind(), request.mediaUrl(), request.title()));
        return Response.created(URI.create("/api/chat/pais/" + paiId + "/sessions/" + started.sessionId())).entity(started).build();
    }

    /** The current session, for a member who joins late. */
    @GET
    @Operation(summary = "The pai's current session, with its position now")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND, or NO_SESSION: nothing is playing in the pai")
    public SessionView current(@PathParam("paiId") String paiId) {
        return SessionView.at(playback.current(user.id(), paiId), System.currentTimeMillis());
    }

    @POST
    @Path("/{sessionId}/control")
    @Operation(summary = "PLAY, PAUSE, SEEK, END or HAND_OVER the session (its controller)")
    @APIResponse(responseCode = "200", description = "The session after the change, also pushed to every member's WebSocket")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: a SEEK without"
            + " positionMs, a HAND_OVER to someone not in the pai, or another field is wrong; field names it")
    @APIResponse(responseCode = "403", description = "NOT_A_MEMBER, or NOT_CONTROLLER: someone else controls the session")
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND, or SESSION_NOT_FOUND: not the pai's current session")
    public SessionView control(@PathParam("paiId") String paiId, @PathParam("sessionId") String sessionId,
            @Valid @NotNull ControlSession request) {
        return SessionView.of(playback.control(user.id(), paiId, sessionId, request.action(), request.positionMs(), request.to()));
    }
}
