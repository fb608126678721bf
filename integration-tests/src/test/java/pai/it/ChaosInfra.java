package pai.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import pai.launcher.testing.LocalPorts;

/**
 * Kafka, Redis and PostgreSQL of the fault-injection run's own, on free ports, so that it may kill and
 * restart them without touching the machine's: a single-node KRaft broker from ./pai's Kafka jars, Redis
 * with its append-only file synced on every write (as ./pai runs it), and a PostgreSQL cluster made with
 * Debian's initdb. Each part stops and starts again on the same port and data, as after a crash.
 */
final class ChaosInfra implements AutoCloseable {
    private final Path home;
    private final Part kafka;
    private final Part redis;
    private final Part postgres;

    private ChaosInfra(Path home, Part kafka, Part redis, Part postgres) {
        this.home = home;
        this.kafka = kafka;
        this.redis = redis;
        this.postgres = postgres;
    }

    static ChaosInfra start() throws Exception {
        Path home = Files.createTempDirectory("pai-chaos");
        Path logs = ItEnvironment.repo().resolve("integration-tests/target/chaos-logs");
        Files.createDirectories(logs);
        Part redis = redis(home.resolve("redis"), logs);
        Part postgres = postgres(home.resolve("postgres"), logs);
        Part kafka = kafka(home.resolve("kafka"), logs);
        ChaosInfra infra = new ChaosInfra(home, kafka, redis, postgres);
        try {
            for (Part part : List.of(redis, postgres, kafka)) {
                part.start();
            }
            ItEnvironment.launcher(Duration.ofSeconds(60), "ensure-db", "127.0.0.1", Integer.toString(postgres.port),
                    postgresUser(), ItEnvironment.DATABASE);
            ItEnvironment.launcher(Duration.ofSeconds(120), "topics", kafka.address());
        } catch (Exception | Error e) {
            infra.close();
            throw e;
        }
        return infra;
    }

    Part kafka() {
        return kafka;
    }

    Part redis() {
        return redis;
    }

    Part postgres() {
        return postgres;
    }

    /** What a service needs to use these three instead of the machine's: its system properties. */
    Map<String, String> serviceProperties() {
        return Map.of(
                "PAI_KAFKA_BOOTSTRAP", kafka.address(),
                "quarkus.redis.hosts", "redis://" + redis.address(),
                "PAI_PG_HOST", "127.0.0.1",
                "PAI_PG_PORT", Integer.toString(postgres.port),
                "PAI_PG_USER", postgresUser());
    }

    /** A JDBC URL of one service's schema in this PostgreSQL. */
    String jdbcUrl(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port + "/" + ItEnvironment.DATABASE + "?currentSchema=" + schema;
    }

    java.sql.Connection database(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema), postgresUser(), "");
    }

    @Override
    public void close() {
        for (Part part : List.of(kafka, postgres, redis)) {
            part.kill();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the machine cleans it up
        }
    }

    private static String postgresUser() {
        return "postgres";
    }

    private static Part redis(Path dir, Path logs) throws IOException {
        Files.createDirectories(dir);
        int port = LocalPorts.free();
        return new Part("redis", port, logs.resolve("redis.log"), List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always",
                "--save", "", "--maxmemory-policy", "noeviction"));
    }

    /** Debian's PostgreSQL, run as the postgres OS user when the run is root's (it refuses to run as root). */
    private static Part postgres(Path dir, Path logs) throws Exception {
        Path bin = debianPostgres();
        Path data = dir.resolve("data");
        Files.createDirectories(dir);
        List<String> asPostgres = isRoot()
                ? List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--")
                : List.of();
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:", dir.getParent().toString()), logs.resolve("postgres.log"));
        }
        List<String> initdb = new ArrayList<>(asPostgres);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", postgresUser(), "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        run(initdb, logs.resolve("postgres.log"));
        int port = LocalPorts.free();
        List<String> server = new ArrayList<>(asPostgres);
        server.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"));
        return new Part("postgres", port, logs.resolve("postgres.log"), server);
    }

    private static Part kafka(Path dir, Path logs) throws Exception {
        Path lib = ItEnvironment.repo().resolve(".pai/kafka/lib");
        if (!Files.exists(lib.resolve(".complete"))) {
            throw new IllegalStateException(lib + " holds no Kafka jars: run ./pai infra once first");
        }
        int port = freePairOfPorts();
        ItEnvironment.launcher(Duration.ofSeconds(120), "kafka-storage", dir.toString(), Integer.toString(port), lib.toString(),
                logs.resolve("kafka.log").toString());
        return new Part("kafka", port, logs.resolve("kafka.log"), List.of(ItEnvironment.javaBin(), "-Xms128m", "-Xmx384m",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"), "-cp", lib + "/*", "kafka.Kafka",
                dir.resolve("server.properties").toString()));
    }

    /** The broker takes the port, its controller the next one. */
    private static int freePairOfPorts() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = LocalPorts.free();
            if (port < 65535 && !listening(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two free ports in a row");
    }

    private static Path debianPostgres() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Path::compareTo).orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql"));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** One of the three: a process on a fixed port that can die and come back. */
    static final class Part {
        private final String name;
        private final int port;
        private final Path log;
        private final List<String> command;
        private Process process;

        Part(String name, int port, Path log, List<String> command) {
            this.name = name;
            this.port = port;
            this.log = log;
            this.command = command;
        }

        String name() {
            return name;
        }

        String address() {
            return "127.0.0.1:" + port;
        }

        /** Starts it and waits until its port answers. */
        void start() {
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                LocalPorts.awaitListening(port, process, name, Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** SIGKILL: no shutdown, as when the machine under it fails. */
        void kill() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                await();
            }
        }

        /** The part's own fast shutdown: SIGINT for PostgreSQL (it aborts every session and ends), SIGTERM else. */
        void stop() {
            if (process != null && process.isAlive()) {
                String signal = name.equals("postgres") ? "INT" : "TERM";
                try {
                    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                await();
            }
        }

        private void await() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // The port is free once the process is gone; a restart would otherwise race its own listener.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (listening(port) && System.nanoTime() < deadline) {
                sleep(50);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
