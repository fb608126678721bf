package pai.agent.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The OpenAI-compatible chat-completions endpoint the agents may ask. Without a base URL (the default) no
 * model is called and every agent answers with its offline engine. See agent-service/MODEL.md.
 */
@ConfigMapping(prefix = "pai.agent.model")
public interface ModelConfig {

    /** The endpoint up to its version, e.g. {@code http://127.0.0.1:11434/v1}; requests go to {@code <baseUrl>/chat/completions}. */
    Optional<String> baseUrl();

    /** The model the endpoint is asked for. */
    @WithDefault("gpt-4o-mini")
    String name();

    /** Sent as {@code Authorization: Bearer <key>}; local endpoints often need none. */
    Optional<String> apiKey();

    /** How long one attempt may take, connecting and waiting for the answer. */
    @WithDefault("10s")
    Duration timeout();

    /** Attempts after the first when one times out or the endpoint fails; refusals (4xx) are not retried. */
    @WithDefault("1")
    int maxRetries();

    /** Model calls one pai may make in an hour, shared by all its agents and every instance of the service. */
    @WithDefault("60")
    int hourlyCallsPerPai();

    /** The longest answer asked for. */
    @WithDefault("512")
    int maxTokens();
}
