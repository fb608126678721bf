package pai.agent.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

import pai.agent.rest.GoalDtos.CreateGoal;
import pai.agent.service.supervisor.GoalInfo;
import pai.agent.service.supervisor.SupervisorService;
import pai.platform.error.CommonRefusals;
import pai.platform.paging.Page;
import pai.platform.security.CurrentUser;

/** The supervisor's goals of one pai: any member sets one, every member sees them. */
@Path("/api/agents/pais/{paiId}/goals")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "goals", description = "The supervisor: goals, check-ins, streaks and boards")
public class PaiGoalsResource {
    private final SupervisorService supervisor;
    private final CurrentUser user;

    public PaiGoalsResource(SupervisorService supervisor, CurrentUser user) {
        this.supervisor = supervisor;
        this.user = user;
    }

    @POST
    @Operation(summary = "Set a goal for the pai (any member)")
    @APIResponse(responseCode = "201", description = "The new goal",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GoalInfo.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: a remindAt not HH:mm,"
            + " a timezone no IANA zone, a tag no hashtag, restDays on a goal that is not DAILY; field names it")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    public Response create(@PathParam("paiId") String paiId, @Valid @NotNull CreateGoal request) {
        GoalInfo goal = supervisor.createGoal(user.id(), paiId, request.toNewGoal());
        return Response.created(URI.create("/api/agents/goals/" + goal.id())).entity(goal).build();
    }

    @GET
    @Operation(summary = "The pai's goals, newest first; beforeGoalId is the last goal of the previous page")
    @APIResponse(responseCode = "200", description = "A page of goals")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD: beforeGoalId is not a goal of this pai, or a parameter"
            + " does not parse or is out of range")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    public Page<GoalInfo> list(@PathParam("paiId") String paiId, @QueryParam("beforeGoalId") String beforeGoalId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return supervisor.goals(user.id(), paiId, beforeGoalId, limit);
    }
}
