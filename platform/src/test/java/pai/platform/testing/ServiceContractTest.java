package pai.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

/**
 * What every service offers operators and clients: readiness that probes PostgreSQL, Redis and
 * Kafka, Prometheus metrics, OpenAPI, and problem+json for unknown paths. Each service runs it
 * as a {@code @QuarkusTest} subclass.
 */
public abstract class ServiceContractTest {

    /** The service's application name, e.g. {@code chat-service}. */
    protected abstract String serviceName();

    /** A path of this service's own API that its OpenAPI document must list; null while it has none. */
    protected String documentedPath() {
        return null;
    }

    @Test
    void readinessProbesPostgresRedisAndKafka() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "Redis connection health check", "Kafka connection health check"));
    }

    @Test
    void livenessAnswers() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusTextWithJvmAndOutboxMeters() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("pai_outbox_lag_seconds"));
    }

    @Test
    void openApiDescribesTheApi() {
        var document = given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Pai " + serviceName()));
        if (documentedPath() != null) {
            document.body("paths", hasKey(documentedPath()));
        }
    }

    @Test
    void unknownPathsAre404ProblemJson() {
        given().header("Authorization", TestTokens.bearer("someone"))
                .get("/api/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("status", equalTo(404));
    }
}
