package pai.platform.testing;

import java.nio.file.Path;
import java.time.Duration;

import pai.launcher.DevKeys;
import pai.launcher.DevTokens;

/** Bearer tokens for tests, signed with the key pair {@link TestEnvironment} installs. */
public final class TestTokens {
    static final Path KEYS = Path.of("target", "test-keys");

    private TestTokens() {
    }

    public static String user(String userId) {
        return DevTokens.mint(DevKeys.loadOrCreate(KEYS).getPrivate(), userId, false, Duration.ofHours(1));
    }

    public static String operator(String userId) {
        return DevTokens.mint(DevKeys.loadOrCreate(KEYS).getPrivate(), userId, true, Duration.ofHours(1));
    }

    /** A service's token (group {@code service}), as the launcher gives agent-service. */
    public static String service(String serviceName) {
        return DevTokens.mintService(DevKeys.loadOrCreate(KEYS).getPrivate(), serviceName, Duration.ofHours(1));
    }

    public static String bearer(String userId) {
        return "Bearer " + user(userId);
    }

    public static String operatorBearer(String userId) {
        return "Bearer " + operator(userId);
    }
}
