package pai.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import pai.launcher.DevKeys;

/**
 * Gives a {@code @QuarkusTest} the key pair its tokens are signed with. The keys are made in
 * {@code target/}, never committed; Kafka, Redis and PostgreSQL are the real local ones.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevKeys.loadOrCreate(TestTokens.KEYS);
        return Map.of("mp.jwt.verify.publickey.location",
                TestTokens.KEYS.resolve(DevKeys.PUBLIC_KEY).toAbsolutePath().toString());
    }

    @Override
    public void stop() {
    }
}
