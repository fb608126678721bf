package pai.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * Redis and PostgreSQL from binaries shipped in Maven jars, for machines without Debian's packages.
 * Each runs in the foreground until the JVM is stopped (SIGTERM), which stops the server too.
 */
final class EmbeddedServers {
    private EmbeddedServers() {
    }

    static void redis(int port, Path dir) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir).toAbsolutePath();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + data)
                // Redis holds money: an acknowledged write must survive a crash.
                .setting("appendonly yes")
                .setting("appendfsync always")
                .setting("maxmemory-policy noeviction")
                .setting("save \"\"")
                .setting("pidfile " + data.resolve("redis.pid"))
                .soutListener(System.out::println)
                .serrListener(System.err::println)
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "redis-stop"));
        System.out.println("redis ready on 127.0.0.1:" + port + " (aof, appendfsync always), data in " + data);
        Thread.currentThread().join();
    }

    static void postgres(int port, Path dir) throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name"))) {
            Main.fail("PostgreSQL refuses to run as root: start this as another user (./pai does)");
        }
        Path base = Files.createDirectories(dir).toAbsolutePath();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(base.resolve("data"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(Files.createDirectories(base.resolve("bin")).toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky's defaults favour speed; the ledger must survive a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.INHERIT)
                .setErrorRedirector(Redirect.INHERIT)
                .setRegisterShutdownHook(true)
                .start();
        System.out.println("postgres ready on 127.0.0.1:" + postgres.getPort() + ", data in " + base.resolve("data"));
        Thread.currentThread().join();
    }
}
