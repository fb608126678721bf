package pai.agent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import pai.agent.rest.GoalDtos.CheckIn;
import pai.agent.service.supervisor.BoardEntry;
import pai.agent.service.supervisor.CheckinResult;
import pai.agent.service.supervisor.GoalInfo;
import pai.agent.service.supervisor.SupervisorService;
import pai.platform.error.CommonRefusals;
import pai.platform.paging.Page;
import pai.platform.security.CurrentUser;

/** One goal: its members check in and see the board. */
@Path("/api/agents/goals/{goalId}")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "goals")
public class GoalResource {
    private final SupervisorService supervisor;
    private final CurrentUser user;

    public GoalResource(SupervisorService supervisor, CurrentUser user) {
        this.supervisor = supervisor;
        this.user = user;
    }

    @GET
    @Operation(summary = "A goal of a pai the caller is in")
    @APIResponse(responseCode = "200", description = "The goal")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "GOAL_NOT_FOUND: no such goal")
    public GoalInfo get(@PathParam("goalId") String goalId) {
        return supervisor.goal(user.id(), goalId);
    }

    /** 201: each check-in is a new record (and a CHECKIN message in the pai); the body is optional. */
    @POST
    @Path("/checkins")
    @Operation(summary = "Check in for the goal's current period; a CHECKIN message appears in the pai")
    @APIResponse(responseCode = "201", description = "The check-in with the caller's streak and total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckinResult.class)))
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "GOAL_NOT_FOUND: no such goal")
    @APIResponse(responseCode = "409", description = "ALREADY_CHECKED_IN: the caller checked in for this period already")
    public Response checkIn(@PathParam("goalId") String goalId, @Valid CheckIn request) {
        CheckinResult result = request == null ? supervisor.checkIn(user.id(), goalId, null, null)
                : supervisor.checkIn(user.id(), goalId, request.note(), request.mediaId());
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @GET
    @Path("/board")
    @Operation(summary = "The pai's members with their streaks, best first; afterRank is the last rank of the previous page")
    @APIResponse(responseCode = "200", description = "A page of the board")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "GOAL_NOT_FOUND: no such goal")
    public Page<BoardEntry> board(@PathParam("goalId") String goalId,
            @QueryParam("afterRank") @DefaultValue("0") @Min(0) int afterRank,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return supervisor.board(user.id(), goalId, afterRank, limit);
    }
}
