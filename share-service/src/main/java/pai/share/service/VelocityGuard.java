package pai.share.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.ExpireArgs;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import pai.share.config.ShareConfig;
import pai.share.domain.RefusalReason;

/**
 * Accepts per address and per visitor in a fixed window, counted in Redis so that all instances share the
 * count. Every attempt counts, refused ones too: a script that keeps trying stays over the limit.
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
        long byAddress = increment("pai:share:accepts:address:" + addressKey + ":" + window, windowSeconds);
        long byVisitor = increment("pai:share:accepts:visitor:" + visitorId + ":" + window, windowSeconds);
        if (byAddress > config.velocity().acceptsPerAddress()) {
            return Optional.of(new Exceeded(RefusalReason.VELOCITY_ADDRESS, retryAfter));
        }
        if (byVisitor > config.velocity().acceptsPerVisitor()) {
            return Optional.of(new Exceeded(RefusalReason.VELOCITY_VISITOR, retryAfter));
        }
        return Optional.empty();
    }

    /** INCR, then a TTL if the key has none yet, so that a crash between the two only delays the expiry to the next call. */
    private long increment(String key, long windowSeconds) {
        long count = counters.incr(key);
        keys.expire(key, windowSeconds + 1, new ExpireArgs().nx());
        return count;
    }
}
