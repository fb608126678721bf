package pai.chat.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/** A Lua script from the resources, loaded into Redis once and called by its SHA; loaded again if Redis lost it. */
final class RedisScript {
    private static final Logger LOG = Logger.getLogger(RedisScript.class);

    private final String resource;
    private final String source;
    private volatile String sha;

    RedisScript(String resource) {
        this.resource = resource;
        try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response run(RedisDataSource redis, List<String> keys, List<String> args) {
        if (sha == null) {
            sha = redis.execute("SCRIPT", "LOAD", source).toString();
        }
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(sha);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        try {
            return redis.execute("EVALSHA", command.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            LOG.infof("Redis lost %s (restarted?); loading it again", resource);
            sha = null;
            return run(redis, keys, args);
        }
    }
}
