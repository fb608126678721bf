package pai.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import pai.launcher.DevKeys;

/**
 * Gives a {@code @QuarkusTest} the key pair its tokens are signed with: the public key to verify them, and
 * the private key to chat-service, which signs the access tokens of its accounts. The keys are made in
 * {@code target/}, never committed; Kafka, Redis and PostgreSQL are the real local ones.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevKeys.loadOrCreate(TestTokens.KEYS);
        return Map.of("mp.jwt.verify.publickey.location",
                TestTokens.KEYS.resolve(DevKeys.PUBLIC_KEY).toAbsolutePath().toString(),
                // chat-service signs the access tokens of its accounts with the private key
                "smallrye.jwt.sign.key.location", TestTokens.KEYS.resolve(DevKeys.PRIVATE_KEY).toAbsolutePath().toString());
    }

    @Override
    public void stop() {
    }
}
