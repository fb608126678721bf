package pai.agent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import pai.agent.domain.AgentProfile;
import pai.agent.service.AgentCatalog;
import pai.platform.rest.Page;
import pai.platform.security.CurrentUser;

@Path("/api/agents/catalog")
@RolesAllowed(CurrentUser.USER)
public class CatalogResource {
    private final AgentCatalog catalog;

    public CatalogResource(AgentCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public Page<AgentProfile> catalog() {
        return new Page<>(catalog.all(), false);
    }
}
