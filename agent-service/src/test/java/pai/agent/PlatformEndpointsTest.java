package pai.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.platform.testing.ServiceContractTest;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PlatformEndpointsTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "agent-service";
    }

    @Override
    protected String documentedPath() {
        return "/api/agents/catalog";
    }

    @Override
    protected Set<String> operationsRefusedOnlyForAuth() {
        return Set.of("GET /api/agents/catalog");
    }

    @Test
    void theCatalogListsTheCoreAgentsAndTwoSpecialists() {
        given().header("Authorization", TestTokens.bearer("reader")).get("/api/agents/catalog")
                .then().statusCode(200)
                .body("items.id", hasItems("summarizer", "supervisor", "remixer", "planner", "knowledge"))
                .body("hasMore", equalTo(false));
    }

    @Test
    void theCatalogNeedsAToken() {
        given().get("/api/agents/catalog").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }
}
