package pai.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service offers operators and clients: readiness that probes PostgreSQL, Redis and
 * Kafka, Prometheus metrics, OpenAPI that documents every operation, and problem+json for unknown
 * paths. Each service runs it as a {@code @QuarkusTest} subclass.
 */
public abstract class ServiceContractTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** A refusal's description starts with its problem code, e.g. {@code NOT_A_MEMBER: ...}. */
    private static final Pattern NAMES_A_CODE = Pattern.compile("[A-Z][A-Z0-9]+(_[A-Z0-9]+)*\\b");
    private static final Pattern INCOMING_KAFKA_CHANNEL = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    /** The service's application name, e.g. {@code chat-service}. */
    protected abstract String serviceName();

    /** A path of this service's own API that its OpenAPI document must list; null while it has none. */
    protected String documentedPath() {
        return null;
    }

    /**
     * Operations, as {@code "GET /path"}, that nothing refuses but a missing token or role (the 401 and 403
     * Quarkus documents for every secured operation); every other operation documents a refusal of its own.
     */
    protected Set<String> operationsRefusedOnlyForAuth() {
        return Set.of();
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

    /**
     * What the dashboards and alert rules of deploy/ read from every service besides its own meters: the HTTP
     * server timer as a histogram (p99 per service and endpoint) and the lag of each Kafka consumer, named by
     * its channel as {@code client_id="kafka-consumer-<channel>"}.
     */
    @Test
    void metricsHaveTheHttpHistogramAndTheLagOfEveryKafkaConsumer() {
        given().get("/no-such-path").then().statusCode(404);
        List<String> channels = new ArrayList<>();
        for (String property : ConfigProvider.getConfig().getPropertyNames()) {
            Matcher incoming = INCOMING_KAFKA_CHANNEL.matcher(property);
            if (incoming.matches() && ConfigProvider.getConfig().getValue(property, String.class).equals("smallrye-kafka")) {
                channels.add(incoming.group(1));
            }
        }
        assertFalse(channels.isEmpty(), serviceName() + " consumes no Kafka channel");
        String metrics = given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .extract().asString();
        for (String channel : channels) {
            assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"kafka-consumer-" + channel + "\""),
                    "no consumer lag of channel " + channel + " on /q/metrics");
        }
    }

    @Test
    void openApiDescribesTheApi() {
        var document = given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Pai " + serviceName()));
        if (documentedPath() != null) {
            document.body("paths", hasKey(documentedPath()));
        }
    }

    /**
     * {@code /q/openapi} is the API reference: each operation has a summary, a tag, its success and the
     * refusals it can answer (a 4xx whose description starts with its code), each refusal problem+json.
     */
    @Test
    void openApiDocumentsEveryOperationWithItsRefusals() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        List<String> gaps = new ArrayList<>();
        Set<String> onlyAuth = new HashSet<>(operationsRefusedOnlyForAuth());
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (HTTP_METHODS.contains(method)) {
                String name = method.toUpperCase(Locale.ROOT) + " " + path;
                boolean refusesOnlyForAuth = onlyAuth.remove(name);
                gaps.addAll(gapsOf(name, asMap(operation), refusesOnlyForAuth));
            }
        }));
        onlyAuth.forEach(name -> gaps.add(name + ": listed as refused only for auth, but not in the document"));
        assertTrue(gaps.isEmpty(), "/q/openapi is incomplete:\n" + String.join("\n", gaps));
    }

    private static List<String> gapsOf(String name, Map<String, Object> operation, boolean refusesOnlyForAuth) {
        List<String> gaps = new ArrayList<>();
        if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
            gaps.add(name + ": no @Operation summary");
        }
        if (!(operation.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
            gaps.add(name + ": no @Tag");
        }
        Map<String, Object> responses = operation.get("responses") == null ? Map.of() : asMap(operation.get("responses"));
        if (responses.keySet().stream().noneMatch(status -> status.startsWith("2") || status.startsWith("3"))) {
            gaps.add(name + ": no success response");
        }
        boolean refusalOfItsOwn = false;
        for (Map.Entry<String, Object> response : responses.entrySet()) {
            String status = response.getKey();
            Map<String, Object> answer = asMap(response.getValue());
            boolean problemJson = answer.get("content") != null
                    && asMap(answer.get("content")).containsKey("application/problem+json");
            if ((status.startsWith("4") || status.startsWith("5")) && !problemJson) {
                gaps.add(name + ": " + status + " is not problem+json");
            }
            if (status.startsWith("4") && answer.get("description") instanceof String description
                    && NAMES_A_CODE.matcher(description).lookingAt()) {
                refusalOfItsOwn = true;
            }
        }
        if (!refusalOfItsOwn && !refusesOnlyForAuth) {
            gaps.add(name + ": no @APIResponse of a 4xx whose description starts with its problem code");
        }
        if (refusalOfItsOwn && refusesOnlyForAuth) {
            gaps.add(name + ": listed as refused only for auth, but documents a refusal of its own");
        }
        return gaps;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
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
