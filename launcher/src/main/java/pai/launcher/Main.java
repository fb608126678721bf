package pai.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Java side of {@code ./pai}: whatever bash cannot do well by itself. Each subcommand prints its
 * result on standard output and exits non-zero with a one-line reason on failure.
 */
public final class Main {
    private static final String USAGE = """
            usage: java -cp 'launcher/target/pai-launcher.jar:launcher/target/lib/*' pai.launcher.Main <command>
              keys <dir>                                        make the dev key pair once; prints the public key's path
              token <keysDir> <userId> [--operator|--service] [--ttl-seconds N]   prints a dev JWT
              redis <port> <dir>                                runs Redis (AOF, appendfsync always) in the foreground
              postgres <port> <dir>                             runs PostgreSQL in the foreground
              ensure-db <host> <port> <user> <db>...            creates the databases that are missing
              recreate-db <host> <port> <user> <db>             drops the database and creates it empty
              redis-persistence <host> <port> [--apply]         prints (and with --apply sets) AOF, appendfsync, maxmemory-policy
              topics <bootstrap>                                creates the topics of pai.events.Topics that are missing
              kafka-storage <dir> <port> <kafkaLibDir> <log>    writes a broker's config into <dir>, formats <dir>/data once
              gateway-config <repo> <stateDir> <logDir> <gatewayPort> <chatPort> <agentPort> <redpacketPort> <sharePort>
                                                                renders <repo>/gateway/nginx.conf into <stateDir>/nginx/nginx.conf
              gateway-config --compose <repo>                   renders it into <repo>/gateway/nginx.compose.conf
              prometheus-config <repo> <stateDir> <prometheusPort> <chatPort> <agentPort> <redpacketPort> <sharePort>
                                                                renders <repo>/deploy/prometheus/prometheus.template.yml into
                                                                <stateDir>/prometheus/prometheus.yml
              prometheus-config --compose <repo>                renders it into <repo>/deploy/prometheus/prometheus.yml
              demo-seed <gatewayUrl> <seedDir> <passwordFile> <photo> <pgHost> <pgPort> <pgUser> <db>
                                                                seeds the demo, retrying only the steps not done before;
                                                                the demo accounts' password is made once in <passwordFile>
              operator <pgHost> <pgPort> <pgUser> <db> <name>   makes the account of that name an operator
              test-report <root> <mavenExit>                    counts the tests of <root>/*/target/*-reports; fails when
                                                                maven failed or no IT passed
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // UTF-8 whatever the locale, as the bash side prints (the demo seed's chat is Chinese).
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        if (args.length == 0) {
            fail(USAGE);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "keys" -> keys(rest);
            case "token" -> token(rest);
            case "redis" -> EmbeddedServers.redis(port(arg(rest, 0)), Path.of(arg(rest, 1)));
            case "postgres" -> EmbeddedServers.postgres(port(arg(rest, 0)), Path.of(arg(rest, 1)));
            case "ensure-db" -> ensureDb(rest);
            case "recreate-db" -> Databases.recreate(arg(rest, 0), port(arg(rest, 1)), arg(rest, 2),
                    databasePassword(), arg(rest, 3));
            case "redis-persistence" -> RedisPersistence.run(arg(rest, 0), port(arg(rest, 1)), rest.contains("--apply"));
            case "topics" -> KafkaTopics.ensure(arg(rest, 0));
            case "kafka-storage" -> kafkaStorage(rest);
            case "gateway-config" -> gatewayConfig(rest);
            case "prometheus-config" -> prometheusConfig(rest);
            case "demo-seed" -> demoSeed(rest);
            case "operator" -> operator(rest);
            case "test-report" -> testReport(rest);
            case "-h", "--help", "help" -> System.out.print(USAGE);
            default -> fail("unknown command " + args[0] + "\n" + USAGE);
        }
    }

    private static void gatewayConfig(List<String> rest) throws Exception {
        if (arg(rest, 0).equals("--compose")) {
            GatewayConfig.writeCompose(Path.of(arg(rest, 1)));
            return;
        }
        GatewayConfig.write(Path.of(arg(rest, 0)), Path.of(arg(rest, 1)), Path.of(arg(rest, 2)),
                new GatewayConfig.Ports(port(arg(rest, 3)), port(arg(rest, 4)), port(arg(rest, 5)), port(arg(rest, 6)),
                        port(arg(rest, 7))));
    }

    private static void prometheusConfig(List<String> rest) throws Exception {
        if (arg(rest, 0).equals("--compose")) {
            PrometheusConfig.writeCompose(Path.of(arg(rest, 1)));
            return;
        }
        PrometheusConfig.write(Path.of(arg(rest, 0)), Path.of(arg(rest, 1)),
                new PrometheusConfig.Ports(port(arg(rest, 2)), port(arg(rest, 3)), port(arg(rest, 4)), port(arg(rest, 5)),
                        port(arg(rest, 6))));
    }

    private static void keys(List<String> args) {
        Path dir = Path.of(arg(args, 0));
        DevKeys.loadOrCreate(dir);
        System.out.println(dir.resolve(DevKeys.PUBLIC_KEY).toAbsolutePath());
    }

    private static void token(List<String> args) {
        Path dir = Path.of(arg(args, 0));
        String userId = arg(args, 1);
        boolean operator = false;
        boolean service = false;
        Duration ttl = Duration.ofHours(12);
        for (int i = 2; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--operator" -> operator = true;
                case "--service" -> service = true;
                case "--ttl-seconds" -> ttl = Duration.ofSeconds(Long.parseLong(arg(args, ++i)));
                default -> fail("unknown option " + args.get(i));
            }
        }
        if (!Files.exists(dir.resolve(DevKeys.PRIVATE_KEY))) {
            // Minting with a fresh key that no running service knows would only produce 401s later.
            System.err.println("note: no dev keys yet in " + dir + ", making them now");
        }
        KeyPair keys = DevKeys.loadOrCreate(dir);
        System.out.println(service ? DevTokens.mintService(keys.getPrivate(), userId, ttl)
                : DevTokens.mint(keys.getPrivate(), userId, operator, ttl));
    }

    private static void kafkaStorage(List<String> args) throws Exception {
        Path dir = Path.of(arg(args, 0));
        KafkaStorage.writeConfig(dir, port(arg(args, 1)));
        KafkaStorage.formatOnce(dir, Path.of(arg(args, 2)), Path.of(arg(args, 3)));
    }

    private static void testReport(List<String> args) throws Exception {
        Path root = Path.of(arg(args, 0));
        TestReports.Counts unitTests = TestReports.count(root, TestReports.UNIT_TESTS);
        TestReports.Counts its = TestReports.count(root, TestReports.ITS);
        System.out.println(TestReports.summary(unitTests, its));
        Optional<String> failure = TestReports.failure(Integer.parseInt(arg(args, 1)), its);
        if (failure.isPresent()) {
            // The verdict of ./pai test itself, so worded as its own messages are.
            System.err.println("pai: " + failure.get());
            System.exit(1);
        }
    }

    private static void demoSeed(List<String> args) throws Exception {
        Database db = database(args.subList(Math.min(4, args.size()), args.size()));
        DemoSeed.run(URI.create(arg(args, 0)), Path.of(arg(args, 1)), Path.of(arg(args, 2)), name -> markOperator(db, name),
                Path.of(arg(args, 3)), System.out);
    }

    private static void operator(List<String> args) throws Exception {
        Database db = database(args);
        String name = arg(args, 4);
        Optional<Operators.Marked> marked;
        try {
            marked = markOperator(db, name);
        } catch (Operators.NoAccounts e) {
            fail("database " + db.name() + ": " + e.getMessage());
            return;
        }
        if (marked.isEmpty()) {
            fail("no account is named " + name + " in database " + db.name() + " (names sign up at POST /api/auth/signup)");
            return;
        }
        System.out.println(marked.get().describe());
    }

    /** A PostgreSQL database as the commands name it: host, port, user, database (the password from the environment). */
    private record Database(String host, int port, String user, String name) {
    }

    private static Database database(List<String> args) {
        return new Database(arg(args, 0), port(arg(args, 1)), arg(args, 2), arg(args, 3));
    }

    private static Optional<Operators.Marked> markOperator(Database db, String name) throws Exception {
        try (Connection connection = Databases.connect(db.host(), db.port(), db.user(), databasePassword(), db.name())) {
            return Operators.mark(connection, name);
        }
    }

    private static void ensureDb(List<String> args) throws Exception {
        String host = arg(args, 0);
        int port = port(arg(args, 1));
        String user = arg(args, 2);
        List<String> databases = new ArrayList<>(args.subList(3, args.size()));
        if (databases.isEmpty()) {
            fail("ensure-db needs at least one database name");
        }
        String password = databasePassword();
        for (String db : databases) {
            boolean created = Databases.ensure(host, port, user, password, db);
            System.out.println(db + (created ? " created" : " exists"));
        }
    }

    private static String databasePassword() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
    }

    static String arg(List<String> args, int index) {
        if (index >= args.size()) {
            fail("missing argument " + (index + 1) + "\n" + USAGE);
        }
        return args.get(index);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        fail("not a port: " + value);
        return -1;
    }

    static void fail(String message) {
        System.err.println(message.strip());
        System.exit(2);
    }
}
