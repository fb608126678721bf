package pai.agent.service.model;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.agent.config.ModelConfig;
import pai.agent.domain.Utterance;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.testing.TestEnvironment;

/** The model backend against a real HTTP endpoint in the test ({@link FakeModelEndpoint}), with Redis counting the budget. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@WithTestResource(FakeModelEndpoint.class)
class ModelBackendTest {
    private static final Duration BOUND = FakeModelEndpoint.TIMEOUT.multipliedBy(FakeModelEndpoint.MAX_RETRIES + 1);

    @Inject
    ModelBackend backend;
    @Inject
    ModelConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    RedisDataSource redis;

    @Test
    void theRequestCarriesTheInstructionsEveryLineWithItsSenderAndTheRequest() {
        String paiId = UUID.randomUUID().toString();
        String agent = "summarizer-" + paiId;
        Instant at = Instant.now();
        List<Utterance> conversation = List.of(
                Utterance.said(1, "alice", "周六几点集合?", at),
                Utterance.said(2, "bob", "九点, 在西门", at),
                new Utterance(3, "summarizer", SenderKind.AGENT, MessageKind.TEXT, "大家在商量周六的集合时间", null,
                        List.of(), null, at),
                new Utterance(4, "system", SenderKind.SYSTEM, MessageKind.TEXT, "carol joined", null, List.of(), null, at),
                new Utterance(5, "carol", SenderKind.USER, MessageKind.IMAGE, "", "media-1", List.of(), null, at));
        String instructions = "You summarize a group chat in its own language.";
        String request = "请总结一下 (" + paiId + ")";

        assertThat(backend.configured()).isTrue();
        assertThat(backend.budgetLeft(paiId)).isTrue();
        assertThat(backend.complete(paiId, agent, instructions, conversation, request))
                .contains(FakeModelEndpoint.ANSWER_PREFIX + request);

        List<JsonNode> sent = requestsMentioning(paiId);
        assertThat(sent).hasSize(1);
        JsonNode body = sent.get(0);
        assertThat(body.path("model").asText()).isEqualTo(config.name());
        assertThat(body.path("max_tokens").asInt()).isEqualTo(config.maxTokens());
        assertThat(body.path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "user", "assistant", "user");
        assertThat(body.path("messages").findValuesAsText("content")).containsExactly(
                instructions,
                "alice: " + conversation.get(0).text(),
                "bob: " + conversation.get(1).text(),
                conversation.get(2).text(),
                request);

        assertThat(count(ModelBackend.CALLS, agent, "outcome", "ok")).isEqualTo(1);
        assertThat(count(ModelBackend.TOKENS, agent, "kind", "input")).isEqualTo(FakeModelEndpoint.PROMPT_TOKENS);
        assertThat(count(ModelBackend.TOKENS, agent, "kind", "output")).isEqualTo(FakeModelEndpoint.COMPLETION_TOKENS);
        assertThat(registry.get(ModelBackend.LATENCY).tags("agent", agent, "outcome", "ok").timer().count()).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_agent_model_calls_total{agent=\"" + agent + "\",outcome=\"ok\"}"))
                .body(containsString("pai_agent_model_tokens_total{agent=\"" + agent + "\",kind=\"input\"}"))
                .body(containsString("pai_agent_model_latency_seconds_count{agent=\"" + agent + "\",outcome=\"ok\"}"))
                .body(containsString("pai_agent_model_latency_seconds_bucket{agent=\"" + agent + "\",outcome=\"ok\","));
    }

    @Test
    void aSlowEndpointIsCutOffAtTheTimeoutOfEachAttemptAndCountedAsTimeout() {
        String paiId = UUID.randomUUID().toString();
        String agent = "planner-" + paiId;

        long started = System.nanoTime();
        assertThat(backend.complete(paiId, agent, "You plan.", List.of(), FakeModelEndpoint.SLOW + " " + paiId)).isEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(BOUND).isLessThan(BOUND.plusSeconds(1));
        assertThat(took).isLessThan(Duration.ofMillis(FakeModelEndpoint.SLOW_MILLIS * (FakeModelEndpoint.MAX_RETRIES + 1)));
        assertThat(requestsMentioning(paiId)).hasSize(FakeModelEndpoint.MAX_RETRIES + 1);
        assertThat(count(ModelBackend.CALLS, agent, "outcome", "timeout")).isEqualTo(1);
        assertThat(registry.find(ModelBackend.CALLS).tags("agent", agent, "outcome", "ok").counter()).isNull();
    }

    @Test
    void aFailingEndpointIsRetriedThenFallsBackAndIsCountedAsError() {
        String paiId = UUID.randomUUID().toString();
        String agent = "knowledge-" + paiId;

        assertThat(backend.complete(paiId, agent, "You answer.", List.of(), FakeModelEndpoint.BROKEN + " " + paiId)).isEmpty();

        assertThat(requestsMentioning(paiId)).hasSize(FakeModelEndpoint.MAX_RETRIES + 1);
        assertThat(count(ModelBackend.CALLS, agent, "outcome", "error")).isEqualTo(1);
    }

    @Test
    void aSpentBudgetSendsNothingMoreWhileAnotherPaiIsStillAnswered() {
        String spent = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String agent = "supervisor-" + spent;

        for (int call = 1; call <= FakeModelEndpoint.HOURLY_CALLS; call++) {
            assertThat(backend.budgetLeft(spent)).isTrue();
            assertThat(backend.complete(spent, agent, "You watch.", List.of(), "call " + call + " of " + spent)).isPresent();
        }
        assertThat(backend.budgetLeft(spent)).isFalse();
        assertThat(backend.complete(spent, agent, "You watch.", List.of(), "one more for " + spent)).isEmpty();
        assertThat(backend.complete(spent, agent, "You watch.", List.of(), "and another for " + spent)).isEmpty();

        assertThat(requestsMentioning(spent)).hasSize(FakeModelEndpoint.HOURLY_CALLS);
        assertThat(count(ModelBackend.CALLS, agent, "outcome", "ok")).isEqualTo(FakeModelEndpoint.HOURLY_CALLS);
        assertThat(count(ModelBackend.CALLS, agent, "outcome", "budget")).isEqualTo(2);
        List<String> keys = redis.key().keys("pai:agent:model:" + spent + ":*");
        assertThat(keys).hasSize(1);
        assertThat(redis.value(Long.class).get(keys.get(0))).isEqualTo(FakeModelEndpoint.HOURLY_CALLS);
        assertThat(redis.key().ttl(keys.get(0))).isBetween(Duration.ofHours(1).toSeconds(), Duration.ofHours(2).toSeconds());

        assertThat(backend.budgetLeft(other)).isTrue();
        assertThat(backend.complete(other, agent, "You watch.", List.of(), "first of " + other)).isPresent();
        assertThat(requestsMentioning(other)).hasSize(1);
    }

    private static List<JsonNode> requestsMentioning(String paiId) {
        return FakeModelEndpoint.REQUESTS.stream().filter(request -> request.toString().contains(paiId)).toList();
    }

    private double count(String meter, String agent, String tag, String value) {
        return registry.get(meter).tags("agent", agent, tag, value).counter().count();
    }
}
