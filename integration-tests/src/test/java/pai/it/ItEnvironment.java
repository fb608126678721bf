package pai.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import pai.launcher.DevKeys;
import pai.launcher.DevTokens;

/**
 * Where the ITs find the real Kafka, Redis and PostgreSQL (the {@code PAI_*} variables of
 * {@code ./pai}, or the local defaults) and the key pair their tokens are signed with.
 */
public final class ItEnvironment {
    public static final String DATABASE = "pai_test";

    private ItEnvironment() {
    }

    public static Path repo() {
        String configured = System.getProperty("pai.repo");
        Path dir = Path.of(configured != null ? configured : "").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pai"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (the folder with ./pai)");
        }
        return dir;
    }

    static Path keys() {
        return repo().resolve("integration-tests/target/it-keys");
    }

    public static String bearer(String userId) {
        return "Bearer " + DevTokens.mint(DevKeys.loadOrCreate(keys()).getPrivate(), userId, false, Duration.ofHours(1));
    }

    public static String operatorBearer(String userId) {
        return "Bearer " + DevTokens.mint(DevKeys.loadOrCreate(keys()).getPrivate(), userId, true, Duration.ofHours(1));
    }

    static Map<String, String> serviceEnvironment(String service) {
        KeyPair keys = DevKeys.loadOrCreate(keys());
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("PAI_KAFKA_BOOTSTRAP", env("PAI_KAFKA_BOOTSTRAP", "127.0.0.1:9092")),
                Map.entry("PAI_REDIS_HOST", env("PAI_REDIS_HOST", "127.0.0.1")),
                Map.entry("PAI_REDIS_PORT", env("PAI_REDIS_PORT", "6379")),
                Map.entry("PAI_PG_HOST", env("PAI_PG_HOST", "127.0.0.1")),
                Map.entry("PAI_PG_PORT", env("PAI_PG_PORT", "5432")),
                Map.entry("PAI_PG_DB", DATABASE),
                // Redis database 1, as the @QuarkusTests use: apart from a running ./pai up
                Map.entry("QUARKUS_REDIS_HOSTS",
                        "redis://" + env("PAI_REDIS_HOST", "127.0.0.1") + ":" + env("PAI_REDIS_PORT", "6379") + "/1"),
                Map.entry("PAI_PG_USER", env("PAI_PG_USER", "postgres")),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", env("QUARKUS_DATASOURCE_PASSWORD", "")),
                Map.entry("PAI_JWT_PUBLIC_KEY", keys().resolve(DevKeys.PUBLIC_KEY).toString()),
                Map.entry("PAI_DATA_DIR", repo().resolve("integration-tests/target/it-data").resolve(service).toString())));
        if (service.equals("chat-service")) {
            // chat-service signs the tokens of the accounts it holds (sign-in), with the key the others verify.
            environment.put("PAI_JWT_PRIVATE_KEY", keys().resolve(DevKeys.PRIVATE_KEY).toString());
            // Every browser of the ITs signs up from the gateway's loopback address, run after run.
            environment.put("PAI_CHAT_AUTH_SIGN_UPS_PER_ADDRESS", "100000");
        }
        if (service.equals("agent-service")) {
            // The remixer stores images through chat-service's API as a service, as under ./pai up.
            Path token = keys().resolve("agent-service.token");
            try {
                Files.writeString(token, DevTokens.mintService(keys.getPrivate(), "agent-service", Duration.ofHours(2)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            environment.put("PAI_SERVICE_TOKEN_FILE", token.toString());
        }
        return environment;
    }

    /** A JDBC connection to one service's schema, to assert the rows a scenario left. */
    public static Connection database(String schema) throws SQLException {
        String url = "jdbc:postgresql://" + env("PAI_PG_HOST", "127.0.0.1") + ":" + env("PAI_PG_PORT", "5432") + "/"
                + DATABASE + "?currentSchema=" + schema;
        return DriverManager.getConnection(url, env("PAI_PG_USER", "postgres"), env("QUARKUS_DATASOURCE_PASSWORD", ""));
    }

    /** Runs a command of the launcher's helper ({@code pai.launcher.Main}) and returns what it printed. */
    static String launcher(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", launcherClasspath(), "pai.launcher.Main"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("pai-launcher", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String printed = Files.readString(output);
            if (!ended || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("launcher " + arguments[0] + (ended ? " failed" : " timed out") + ":\n" + printed);
            }
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static String launcherClasspath() {
        Path launcher = repo().resolve("launcher/target");
        return launcher.resolve("pai-launcher.jar") + File.pathSeparator + launcher.resolve("lib") + "/*";
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The variable {@code ./pai} sets, or the local default when it is unset. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
