package pai.agent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.agent.domain.AgentProfile;
import pai.agent.service.AgentCatalog;
import pai.platform.paging.Page;
import pai.platform.security.CurrentUser;

@Path("/api/agents/catalog")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "agents", description = "The agent catalog, and the agents each pai has switched on")
public class CatalogResource {
    private final AgentCatalog catalog;

    public CatalogResource(AgentCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Every agent a pai can switch on, with its triggers")
    @APIResponse(responseCode = "200", description = "The catalog, one page")
    public Page<AgentProfile> catalog() {
        return new Page<>(catalog.all(), false);
    }
}
