package pai.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import pai.events.Topics;
import pai.events.Topics.Topic;

/**
 * Creates the topics of {@link Topics#ALL} in one JVM (kafka-topics would take one JVM per topic),
 * waiting for a broker that is still starting. Idempotent: existing topics are kept, and only grown
 * when they have fewer partitions than the table asks (e.g. auto-created by an older broker).
 */
final class KafkaTopics {
    private static final Duration WAIT_FOR_BROKER = Duration.ofSeconds(90);

    private KafkaTopics() {
    }

    private static NewTopic toNewTopic(Topic topic) {
        NewTopic created = new NewTopic(topic.name(), topic.partitions(), (short) 1);
        return topic.compacted() ? created.configs(Map.of("cleanup.policy", "compact")) : created;
    }

    static void ensure(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = listWhenReady(admin);
            List<NewTopic> missing = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (Topic topic : Topics.ALL) {
                if (existing.contains(topic.name())) {
                    present.add(topic.name());
                } else {
                    missing.add(toNewTopic(topic));
                }
            }
            for (Map.Entry<String, ? extends org.apache.kafka.common.KafkaFuture<Void>> created
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get();
                    System.out.println(created.getKey() + " created");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    System.out.println(created.getKey() + " exists");
                }
            }
            growIfSmaller(admin, present);
        }
    }

    private static Set<String> listWhenReady(Admin admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT_FOR_BROKER);
        while (true) {
            try {
                return admin.listTopics().names().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    Main.fail("Kafka did not answer within " + WAIT_FOR_BROKER.toSeconds() + " s: " + e);
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static void growIfSmaller(Admin admin, List<String> present) throws Exception {
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get();
        Map<String, NewPartitions> grow = new HashMap<>();
        for (Topic topic : Topics.ALL) {
            TopicDescription description = described.get(topic.name());
            if (description == null) {
                continue;
            }
            int have = description.partitions().size();
            if (have < topic.partitions()) {
                grow.put(topic.name(), NewPartitions.increaseTo(topic.partitions()));
                System.out.println(topic.name() + " grown from " + have + " to " + topic.partitions() + " partitions");
            } else {
                System.out.println(topic.name() + " exists (" + have + " partitions)");
            }
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get();
        }
    }
}
