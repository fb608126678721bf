package pai.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * The files of ./pai's own single-node KRaft broker: its config, its logging, and its storage,
 * formatted once with a fresh cluster id by Kafka's own StorageTool (from the broker's jars).
 */
final class KafkaStorage {
    static final String SERVER_PROPERTIES = "server.properties";
    static final String LOG4J2_PROPERTIES = "log4j2.properties";

    private static final String LOG4J2 = """
            rootLogger.level=INFO
            rootLogger.appenderRef.stdout.ref=STDOUT
            appender.stdout.type=Console
            appender.stdout.name=STDOUT
            appender.stdout.layout.type=PatternLayout
            appender.stdout.layout.pattern=[%d] %p %m (%c)%n
            logger.kafka.name=kafka
            logger.kafka.level=WARN
            logger.apache.name=org.apache.kafka
            logger.apache.level=WARN
            logger.server.name=kafka.server.KafkaRaftServer
            logger.server.level=INFO
            logger.state.name=state.change.logger
            logger.state.level=WARN
            """;

    private KafkaStorage() {
    }

    /** The broker listens on the port, its controller on the next one; its data is in {@code <dir>/data}. */
    static String serverProperties(Path dir, int port) {
        int controllerPort = port + 1;
        return """
                # Written by ./pai: a single-node KRaft broker for local runs and tests.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=6
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                # ./pai creates the topics of pai.events.Topics; a typo in a topic name should fail, not make a new topic.
                auto.create.topics.enable=false
                """.formatted(port, controllerPort, dataDir(dir));
    }

    /** Writes the config and the logging of a broker on the port into the folder, and makes its data folder. */
    static void writeConfig(Path dir, int port) throws IOException {
        Files.createDirectories(dataDir(dir));
        Files.writeString(dir.resolve(SERVER_PROPERTIES), serverProperties(dir, port), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(LOG4J2_PROPERTIES), LOG4J2, StandardCharsets.UTF_8);
    }

    /**
     * Formats the storage once (a formatted one has {@code meta.properties}), with the StorageTool of
     * the broker's jars in {@code kafkaLib}; its output goes to the end of the log.
     */
    static void formatOnce(Path dir, Path kafkaLib, Path log) throws IOException, InterruptedException {
        if (Files.exists(dataDir(dir).resolve("meta.properties"))) {
            return;
        }
        // The same id as `StorageTool random-uuid` prints, without a JVM for it.
        String clusterId = Uuid.randomUuid().toString();
        System.out.println("kafka: formatting storage (cluster " + clusterId + ")");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process format = new ProcessBuilder(List.of(java.toString(),
                "-Dlog4j2.configurationFile=" + dir.resolve(LOG4J2_PROPERTIES), "-cp", kafkaLib.resolve("*").toString(),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", dir.resolve(SERVER_PROPERTIES).toString(),
                "--ignore-formatted"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        int exit = format.waitFor();
        if (exit != 0) {
            Main.fail("StorageTool format exited with " + exit);
        }
    }

    private static Path dataDir(Path dir) {
        return dir.toAbsolutePath().resolve("data");
    }
}
