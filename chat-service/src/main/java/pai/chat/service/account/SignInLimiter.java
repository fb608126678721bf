package pai.chat.service.account;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.redis.client.Response;
import pai.chat.config.ChatConfig;
import pai.platform.redis.RedisScripts;

/**
 * The brute-force guard of sign-in, counted in Redis so that every instance shares it: after
 * {@code failuresPerName} failed sign-ins of one name, or {@code failuresPerAddress} from one address,
 * within the window that began with the first of them, every sign-in of that name or from that address
 * is refused until the window ends, the right password too (redis/signin-attempt.lua).
 */
@ApplicationScoped
class SignInLimiter {
    private static final String ATTEMPT = "redis/signin-attempt.lua";
    private static final String SUCCEEDED = "redis/signin-succeeded.lua";
    static final String NAME_LOCKED = "NAME_LOCKED";
    static final String ADDRESS_LOCKED = "ADDRESS_LOCKED";

    private final RedisScripts scripts;
    private final ChatConfig.Auth config;

    SignInLimiter(RedisScripts scripts, ChatConfig config) {
        this.scripts = scripts;
        this.config = config.auth();
    }

    /** Which limit holds, and for how long yet. */
    record Locked(String reason, long retryAfterSeconds) {
    }

    /** Counts an attempt of the name from the address; empty when it may go on and check its password. */
    Optional<Locked> attempt(String nameKey, String address) {
        Response answer = scripts.run(ATTEMPT, keys(nameKey, address), Integer.toString(config.failuresPerName()),
                Integer.toString(config.failuresPerAddress()), Long.toString(config.failureWindow().toMillis()));
        int locked = answer.get(0).toInteger();
        if (locked == 0) {
            return Optional.empty();
        }
        return Optional.of(new Locked(locked == 1 ? NAME_LOCKED : ADDRESS_LOCKED,
                retryAfterSeconds(Duration.ofMillis(answer.get(1).toLong()))));
    }

    /** The attempt had the right password: it counts as no failure. */
    void succeeded(String nameKey, String address) {
        scripts.run(SUCCEEDED, keys(nameKey, address));
    }

    /** Whole seconds, rounded up, so that a client that waits them finds the lock gone. */
    static long retryAfterSeconds(Duration untilOpen) {
        long seconds = untilOpen.toSeconds() + (untilOpen.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static List<String> keys(String nameKey, String address) {
        return List.of("pai:chat:signin:name:" + nameKey, "pai:chat:signin:address:" + address);
    }
}
