package pai.launcher;

import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Reads and sets the Redis settings that keep money safe, for machines without redis-cli:
 * AOF on with {@code appendfsync always}, and {@code noeviction} so that no budget key is evicted.
 */
final class RedisPersistence {
    private RedisPersistence() {
    }

    static void run(String host, int port, boolean apply) {
        try (Jedis redis = new Jedis(host, port, 5_000)) {
            if (apply) {
                redis.configSet("appendonly", "yes");
                redis.configSet("appendfsync", "always");
                redis.configSet("maxmemory-policy", "noeviction");
            }
            System.out.println("aof=" + ("yes".equals(get(redis, "appendonly")) ? "on" : "off")
                    + " appendfsync=" + get(redis, "appendfsync")
                    + " maxmemory-policy=" + get(redis, "maxmemory-policy"));
        }
    }

    private static String get(Jedis redis, String name) {
        List<String> pair = redis.configGet(name);
        return pair.size() >= 2 ? pair.get(1) : "?";
    }
}
