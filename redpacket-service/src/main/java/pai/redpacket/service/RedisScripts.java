package pai.redpacket.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Lua scripts under {@code lua/}, loaded once and run by SHA. A Redis that restarted without
 * its script cache answers NOSCRIPT; the script is then loaded again and the call repeated.
 */
@ApplicationScoped
public class RedisScripts {
    public static final String GRAB = "grab";
    public static final String LOAD = "load";
    public static final String CLOSE = "close";
    public static final String SET_STATUS = "set-status";
    public static final String TRIM = "trim";
    public static final String LEASE = "lease";
    public static final String BONUS = "bonus";
    public static final String REBUILD = "rebuild";

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    public RedisScripts(RedisDataSource redis, ReactiveRedisDataSource reactive) {
        this.redis = redis;
        this.reactive = reactive;
    }

    public Response run(String script, List<String> keys, String... args) {
        try {
            return redis.execute("EVALSHA", arguments(sha(script), keys, args));
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            shas.remove(script);
            return redis.execute("EVALSHA", arguments(sha(script), keys, args));
        }
    }

    public Uni<Response> runAsync(String script, List<String> keys, String... args) {
        String sha = shas.get(script);
        Uni<String> loaded = sha != null ? Uni.createFrom().item(sha) : loadAsync(script);
        return loaded.chain(s -> reactive.execute("EVALSHA", arguments(s, keys, args)))
                .onFailure(RedisScripts::isNoScript)
                .recoverWithUni(() -> {
                    shas.remove(script);
                    return loadAsync(script).chain(s -> reactive.execute("EVALSHA", arguments(s, keys, args)));
                });
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
            try (InputStream in = RedisScripts.class.getResourceAsStream("/lua/" + name + ".lua")) {
                if (in == null) {
                    throw new IllegalStateException("no script lua/" + name + ".lua");
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
