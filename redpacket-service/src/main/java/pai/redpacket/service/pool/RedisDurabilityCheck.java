package pai.redpacket.service.pool;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;
import pai.redpacket.config.RedpacketConfig;

/**
 * Redis holds acknowledged grabs until the relay moves them, so it must not lose a write: AOF
 * with {@code appendfsync always}, and no eviction. Where that is required (%prod) the service
 * is not ready without it; elsewhere it warns at start.
 */
@Readiness
@ApplicationScoped
public class RedisDurabilityCheck implements HealthCheck {
    static final String NAME = "Redis durability";
    private static final Logger LOG = Logger.getLogger(RedisDurabilityCheck.class);

    private final RedisDataSource redis;
    private final RedpacketConfig config;

    public RedisDurabilityCheck(RedisDataSource redis, RedpacketConfig config) {
        this.redis = redis;
        this.config = config;
    }

    void warnAtStart(@Observes StartupEvent event) {
        try {
            Settings settings = read();
            if (!settings.durable()) {
                LOG.warnf("Redis does not persist every write (%s): an acknowledged grab could be lost in a crash", settings);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not read Redis persistence settings: %s", e.getMessage());
        }
    }

    @Override
    public HealthCheckResponse call() {
        Settings settings = read();
        boolean up = settings.durable() || !config.requireDurableRedis();
        return HealthCheckResponse.named(NAME)
                .status(up)
                .withData("appendonly", settings.appendonly())
                .withData("appendfsync", settings.appendfsync())
                .withData("maxmemory-policy", settings.evictionPolicy())
                .withData("required", config.requireDurableRedis())
                .build();
    }

    record Settings(String appendonly, String appendfsync, String evictionPolicy) {
        boolean durable() {
            return "yes".equals(appendonly) && "always".equals(appendfsync) && "noeviction".equals(evictionPolicy);
        }
    }

    Settings read() {
        return new Settings(config("appendonly"), config("appendfsync"), config("maxmemory-policy"));
    }

    private String config(String name) {
        Response response = redis.execute("CONFIG", "GET", name);
        // RESP2 answers [name, value], RESP3 {name: value}
        if (response.getKeys() != null && response.getKeys().contains(name)) {
            return response.get(name).toString();
        }
        return response.size() > 1 ? response.get(1).toString() : "";
    }
}
