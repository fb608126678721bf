package pai.chat.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import pai.platform.error.RateLimitedException;
import pai.platform.redis.RedisScripts;

/**
 * Limits of so many calls per fixed window (a user's sends, an address's sign-ups), counted in Redis
 * (redis/fixed-window-count.lua) so that every instance shares them.
 */
@ApplicationScoped
public class FixedWindowLimiter {
    private static final String COUNT = "redis/fixed-window-count.lua";

    private final RedisScripts scripts;

    public FixedWindowLimiter(RedisScripts scripts) {
        this.scripts = scripts;
    }

    /** A limit: {@code limit} calls per {@code window} for each subject, under keys starting {@code keyPrefix}. */
    public record Limit(String keyPrefix, int limit, Duration window, String reason) {
    }

    /** Counts a call of {@code subject}; past the limit, a 429 whose Retry-After is the rest of the window. */
    public void acquire(Limit limit, String subject, String whenRefused) {
        long windowSeconds = Math.max(1, limit.window().toSeconds());
        long now = System.currentTimeMillis() / 1000;
        long window = now / windowSeconds;
        String key = limit.keyPrefix() + ":" + subject + ":" + window;
        long counted = scripts.run(COUNT, List.of(key), Long.toString(windowSeconds + 1)).toLong();
        if (counted > limit.limit()) {
            throw new RateLimitedException((window + 1) * windowSeconds - now, whenRefused, limit.reason());
        }
    }
}
