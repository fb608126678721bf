package pai.agent.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import pai.agent.config.ModelConfig;
import pai.agent.domain.Utterance;

class UnconfiguredModelBackendTest {

    /** No Redis is given: an unconfigured backend that touched the budget would fail with a NullPointerException. */
    @ParameterizedTest
    @ValueSource(strings = { "", "  " })
    void withoutABaseUrlNothingIsSentAndTheCallerFallsBack(String baseUrl) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ModelBackend backend = new ModelBackend(config(baseUrl), null, null, registry);

        assertThat(backend.configured()).isFalse();
        assertThat(backend.budgetLeft("pai-1")).isFalse();
        assertThat(backend.complete("pai-1", "summarizer", "You summarize.",
                List.of(Utterance.said(1, "alice", "周六几点集合?", Instant.now())), "请总结")).isEmpty();
        assertThat(registry.get(ModelBackend.CALLS).tags("agent", "summarizer", "outcome", "unconfigured").counter()
                .count()).isEqualTo(1);
        assertThat(registry.find(ModelBackend.LATENCY).timer()).isNull();
    }

    private static ModelConfig config(String baseUrl) {
        return new ModelConfig() {
            @Override
            public Optional<String> baseUrl() {
                return Optional.of(baseUrl);
            }

            @Override
            public String name() {
                return "gpt-4o-mini";
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int maxRetries() {
                return 1;
            }

            @Override
            public int hourlyCallsPerPai() {
                return 3;
            }

            @Override
            public int maxTokens() {
                return 512;
            }
        };
    }
}
