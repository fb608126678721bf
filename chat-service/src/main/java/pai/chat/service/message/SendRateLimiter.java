package pai.chat.service.message;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import pai.chat.config.ChatConfig;
import pai.platform.error.RateLimitedException;
import pai.platform.redis.RedisScripts;

/** A fixed-window send limit per user, counted in Redis (redis/send-limit.lua) so that every instance shares it. */
@ApplicationScoped
class SendRateLimiter {
    private static final String SEND_LIMIT = "redis/send-limit.lua";

    private final RedisScripts scripts;
    private final ChatConfig config;

    SendRateLimiter(RedisScripts scripts, ChatConfig config) {
        this.scripts = scripts;
        this.config = config;
    }

    void acquire(String userId) {
        long windowSeconds = config.sendWindow().toSeconds();
        long window = System.currentTimeMillis() / 1000 / windowSeconds;
        String key = "pai:chat:sends:" + userId + ":" + window;
        long sent = scripts.run(SEND_LIMIT, List.of(key), Long.toString(windowSeconds + 1)).toLong();
        if (sent > config.sendsPerWindow()) {
            long retryAfter = (window + 1) * windowSeconds - System.currentTimeMillis() / 1000;
            throw new RateLimitedException(retryAfter, "at most " + config.sendsPerWindow() + " messages per "
                    + windowSeconds + " s");
        }
    }
}
