package pai.share.service.accept;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.ExpireArgs;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import pai.share.config.ShareConfig;
import pai.share.domain.RefusalReason;

/**
 * Accepts per address and per visitor, counted in Redis so that all instances share the count. Each
 * attempt is counted in its fixed window, and the limit applies to this window and the previous one
 * together: a burst across a window's boundary cannot pass twice the limit. Every attempt counts,
 * refused ones too: a script that keeps trying stays over the limit.
 */
@ApplicationScoped
public class VelocityGuard {
    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final ShareConfig config;

    public VelocityGuard(RedisDataSource redis, ShareConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config;
    }

    public record Exceeded(RefusalReason reason, long retryAfterSeconds) {
    }

    public Optional<Exceeded> count(String addressKey, String visitorId) {
        long windowSeconds = config.velocity().window().toSeconds();
        long nowSeconds = System.currentTimeMillis() / 1000;
        long window = nowSeconds / windowSeconds;
        long retryAfter = (window + 1) * windowSeconds - nowSeconds;
        long byAddress = count("pai:share:accepts:address:" + addressKey + ":", window, windowSeconds);
        long byVisitor = count("pai:share:accepts:visitor:" + visitorId + ":", window, windowSeconds);
        if (byAddress > config.velocity().acceptsPerAddress()) {
            return Optional.of(new Exceeded(RefusalReason.VELOCITY_ADDRESS, retryAfter));
        }
        if (byVisitor > config.velocity().acceptsPerVisitor()) {
            return Optional.of(new Exceeded(RefusalReason.VELOCITY_VISITOR, retryAfter));
        }
        return Optional.empty();
    }

    /**
     * This attempt and the others of this window and the previous one. INCR, then a TTL if the key has none
     * yet (a crash between the two only delays the expiry to the next call); a key outlives its window by one
     * more, for the next window to read.
     */
    private long count(String prefix, long window, long windowSeconds) {
        String key = prefix + window;
        long current = counters.incr(key);
        keys.expire(key, 2 * windowSeconds + 1, new ExpireArgs().nx());
        Long previous = counters.get(prefix + (window - 1));
        return current + (previous == null ? 0 : previous);
    }
}
