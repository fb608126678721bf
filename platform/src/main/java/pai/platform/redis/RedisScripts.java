package pai.platform.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Lua scripts of a service, named by their resource path (such as {@code lua/grab.lua}), loaded
 * into Redis once and run by SHA, so a call sends the arguments and not the script. A Redis that
 * restarted without its script cache answers NOSCRIPT; the script is then loaded again and the
 * call repeated, once.
 */
@ApplicationScoped
public class RedisScripts {
    private static final Logger LOG = Logger.getLogger(RedisScripts.class);

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    public RedisScripts(RedisDataSource redis, ReactiveRedisDataSource reactive) {
        this.redis = redis;
        this.reactive = reactive;
    }

    /** Runs the script on the calling thread, which may block. */
    public Response run(String script, List<String> keys, String... args) {
        try {
            return redis.execute("EVALSHA", arguments(sha(script), keys, args));
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            forget(script);
            return redis.execute("EVALSHA", arguments(sha(script), keys, args));
        }
    }

    /** Runs the script without blocking: for the event loop. */
    public Uni<Response> runAsync(String script, List<String> keys, String... args) {
        String sha = shas.get(script);
        Uni<String> loaded = sha != null ? Uni.createFrom().item(sha) : loadAsync(script);
        return loaded.chain(s -> reactive.execute("EVALSHA", arguments(s, keys, args)))
                .onFailure(RedisScripts::isNoScript)
                .recoverWithUni(() -> {
                    forget(script);
                    return loadAsync(script).chain(s -> reactive.execute("EVALSHA", arguments(s, keys, args)));
                });
    }

    private void forget(String script) {
        LOG.infof("Redis lost the script %s (restarted?); loading it again", script);
        shas.remove(script);
    }

    private String sha(String script) {
        return shas.computeIfAbsent(script, name -> redis.execute("SCRIPT", "LOAD", source(name)).toString());
    }

    private Uni<String> loadAsync(String script) {
        return reactive.execute("SCRIPT", "LOAD", source(script))
                .map(Response::toString)
                .invoke(sha -> shas.put(script, sha));
    }

    private String source(String script) {
        return sources.computeIfAbsent(script, name -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("no script " + name + " among the resources");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String[] arguments(String sha, List<String> keys, String... args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.length);
        all.add(sha);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static boolean isNoScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("NOSCRIPT");
    }
}
