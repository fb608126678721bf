package pai.agent.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.agent.service.PaiAgentService;
import pai.agent.service.PaiAgentService.Setting;
import pai.platform.error.CommonRefusals;
import pai.platform.paging.Page;
import pai.platform.security.CurrentUser;

/** The agents a pai has switched on. */
@Path("/api/agents/pais/{paiId}/agents")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "agents")
public class PaiAgentResource {
    private final PaiAgentService agents;
    private final CurrentUser user;

    public PaiAgentResource(PaiAgentService agents, CurrentUser user) {
        this.agents = agents;
        this.user = user;
    }

    public record AgentSetting(@NotNull Boolean enabled, Map<String, Object> settings) {
    }

    @GET
    @Operation(summary = "Every agent of the catalog as the pai has it: off, with no settings, until switched on")
    @APIResponse(responseCode = "200", description = "The pai's agent settings, one page")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    public Page<Setting> list(@PathParam("paiId") String paiId) {
        List<Setting> settings = agents.ofPai(user.id(), paiId);
        return new Page<>(settings, false);
    }

    @PUT
    @Path("/{agentId}")
    @Operation(summary = "Switch an agent on or off in the pai, with its settings (the owner or an admin)")
    @APIResponse(responseCode = "200", description = "The agent's setting as stored")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: a settings.threshold"
            + " outside 0..1, a settings.digestAt not HH:mm, a settings.timezone no IANA zone, settings over 4000 characters;"
            + " field names it")
    @APIResponse(responseCode = "403", description = "NOT_A_MEMBER, or NOT_AN_ADMIN: only the owner or an admin sets the"
            + " pai's agents")
    @APIResponse(responseCode = "404", description = "AGENT_NOT_FOUND: no such agent in the catalog")
    public Setting configure(@PathParam("paiId") String paiId, @PathParam("agentId") String agentId,
            @Valid @NotNull AgentSetting request) {
        return agents.configure(user.id(), paiId, agentId, request.enabled(), request.settings());
    }
}
