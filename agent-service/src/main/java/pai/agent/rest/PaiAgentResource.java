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

import pai.agent.service.PaiAgentService;
import pai.agent.service.PaiAgentService.Setting;
import pai.platform.rest.Page;
import pai.platform.security.CurrentUser;

/** The agents a pai has switched on. */
@Path("/api/agents/pais/{paiId}/agents")
@RolesAllowed(CurrentUser.USER)
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
    public Page<Setting> list(@PathParam("paiId") String paiId) {
        List<Setting> settings = agents.ofPai(user.id(), paiId);
        return new Page<>(settings, false);
    }

    @PUT
    @Path("/{agentId}")
    public Setting configure(@PathParam("paiId") String paiId, @PathParam("agentId") String agentId,
            @Valid @NotNull AgentSetting request) {
        return agents.configure(user.id(), paiId, agentId, request.enabled(), request.settings());
    }
}
