package pai.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import pai.chat.config.ChatConfig;
import pai.platform.error.RateLimitedException;

/** A fixed-window send limit per user, counted in Redis so that every instance shares it. */
@ApplicationScoped
public class SendRateLimiter {
    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final ChatConfig config;

    public SendRateLimiter(RedisDataSource redis, ChatConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config;
    }

    public void acquire(String userId) {
        long windowSeconds = config.sendWindow().toSeconds();
        long window = System.currentTimeMillis() / 1000 / windowSeconds;
        String key = "pai:chat:sends:" + userId + ":" + window;
        long sent = counters.incr(key);
        if (sent == 1) {
            keys.expire(key, windowSeconds + 1);
        }
        if (sent > config.sendsPerWindow()) {
            long retryAfter = (window + 1) * windowSeconds - System.currentTimeMillis() / 1000;
            throw new RateLimitedException(retryAfter, "at most " + config.sendsPerWindow() + " messages per "
                    + windowSeconds + " s");
        }
    }
}
