package pai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaStorageTest {

    @TempDir
    Path dir;

    @Test
    void aSingleNodeKraftBrokerOnThePortWithItsControllerOnTheNext() throws IOException {
        Properties server = properties(KafkaStorage.serverProperties(dir, 19092));

        assertThat(server).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsEntry("log.dirs", dir.toAbsolutePath().resolve("data").toString())
                .containsEntry("num.partitions", "6")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                // the launcher creates the topics: a typo in a topic name must fail, not make a new topic
                .containsEntry("auto.create.topics.enable", "false")
                .hasSize(17);
    }

    @Test
    void writesTheConfigTheLoggingAndTheDataFolder() throws IOException {
        KafkaStorage.writeConfig(dir, 9092);

        assertThat(dir.resolve("data")).isDirectory();
        assertThat(properties(Files.readString(dir.resolve(KafkaStorage.SERVER_PROPERTIES))))
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092");
        assertThat(properties(Files.readString(dir.resolve(KafkaStorage.LOG4J2_PROPERTIES))))
                .containsEntry("rootLogger.level", "INFO")
                .containsEntry("logger.kafka.level", "WARN")
                .containsEntry("logger.apache.level", "WARN")
                .containsEntry("logger.server.name", "kafka.server.KafkaRaftServer")
                .containsEntry("logger.server.level", "INFO");
    }

    @Test
    void formattedStorageIsLeftAlone() throws Exception {
        KafkaStorage.writeConfig(dir, 9092);
        Files.writeString(dir.resolve("data/meta.properties"), "cluster.id=kept\n");

        // no StorageTool in this folder: formatting would fail
        KafkaStorage.formatOnce(dir, dir.resolve("no-kafka-jars"), dir.resolve("kafka.log"));

        assertThat(Files.readString(dir.resolve("data/meta.properties"))).isEqualTo("cluster.id=kept\n");
        assertThat(dir.resolve("kafka.log")).doesNotExist();
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
