package pai.agent.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where agent-service reaches chat-service's media API (the remixer reads and stores images there),
 * and the service token it shows when no user's token stands behind the call (the launcher and the
 * compose key step write it to a file; in production the identity provider's client-credentials grant).
 */
@ConfigMapping(prefix = "pai.agent.chat")
public interface ChatClientConfig {
    @WithDefault("http://127.0.0.1:8081")
    String baseUrl();

    /** The file holding agent-service's own token, read at each use, so that a renewed token needs no restart. */
    Optional<String> serviceTokenFile();

    @WithDefault("5s")
    Duration timeout();
}
