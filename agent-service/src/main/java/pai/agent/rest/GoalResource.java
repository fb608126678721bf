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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.agent.rest.GoalDtos.CheckIn;
import pai.agent.service.supervisor.BoardEntry;
import pai.agent.service.supervisor.CheckinResult;
import pai.agent.service.supervisor.GoalInfo;
import pai.agent.service.supervisor.SupervisorService;
import pai.platform.rest.Page;
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
    @Operation(summary = "A goal; 404 GOAL_NOT_FOUND, 403 NOT_A_MEMBER")
    public GoalInfo get(@PathParam("goalId") String goalId) {
        return supervisor.goal(user.id(), goalId);
    }

    /** 201: each check-in is a new record (and a CHECKIN message in the pai); the body is optional. */
    @POST
    @Path("/checkins")
    @Operation(summary = "Check in for the current period (201 {streak, total}); 409 ALREADY_CHECKED_IN")
    public Response checkIn(@PathParam("goalId") String goalId, @Valid CheckIn request) {
        CheckinResult result = request == null ? supervisor.checkIn(user.id(), goalId, null, null)
                : supervisor.checkIn(user.id(), goalId, request.note(), request.mediaId());
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @GET
    @Path("/board")
    @Operation(summary = "The pai's members with their streaks, best first; afterRank is the last rank of the previous page")
    public Page<BoardEntry> board(@PathParam("goalId") String goalId,
            @QueryParam("afterRank") @DefaultValue("0") @Min(0) int afterRank,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return supervisor.board(user.id(), goalId, afterRank, limit);
    }
}
