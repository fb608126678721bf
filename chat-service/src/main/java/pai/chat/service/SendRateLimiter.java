package pai.chat.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import pai.chat.config.ChatConfig;
import pai.platform.error.RateLimitedException;

/** A fixed-window send limit per user, counted in Redis (redis/send-limit.lua) so that every instance shares it. */
@ApplicationScoped
public class SendRateLimiter {
    private static final RedisScript COUNT = new RedisScript("redis/send-limit.lua");

    private final RedisDataSource redis;
    private final ChatConfig config;

    public SendRateLimiter(RedisDataSource redis, ChatConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public void acquire(String userId) {
        long windowSeconds = config.sendWindow().toSeconds();
        long window = System.currentTimeMillis() / 1000 / windowSeconds;
        String key = "pai:chat:sends:" + userId + ":" + window;
        long sent = COUNT.run(redis, List.of(key), List.of(Long.toString(windowSeconds + 1))).toLong();
        if (sent > config.sendsPerWindow()) {
            long retryAfter = (window + 1) * windowSeconds - System.currentTimeMillis() / 1000;
            throw new RateLimitedException(retryAfter, "at most " + config.sendsPerWindow() + " messages per "
                    + windowSeconds + " s");
        }
    }
}
