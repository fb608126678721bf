package pai.redpacket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

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
        return "redpacket-service";
    }

    @Override
    protected String documentedPath() {
        return "/api/redpackets/drops/{dropId}/grab";
    }

    @Override
    protected Set<String> operationsRefusedOnlyForAuth() {
        return Set.of("GET /api/redpackets/live");
    }

    @Test
    void readinessReportsRedisDurability() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Redis durability' }.data.appendfsync", notNullValue())
                .body("checks.find { it.name == 'Redis durability' }.data.required", equalTo(false));
    }

    @Test
    void grabMetersAppearOnTheMetricsEndpoint() {
        given().header("Authorization", TestTokens.bearer("metered")).post("/api/redpackets/drops/no-such-drop/grab")
                .then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_redpacket_grabs_total{outcome=\"drop_not_found\"}"))
                .body(containsString("pai_redpacket_grab_latency_seconds_bucket"))
                .body(containsString("pai_redpacket_relay_lag_seconds"))
                .body(containsString("pai_redpacket_drain_seconds"));
    }
}
