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

/**
 * Creates the topics of docs/contract.md in one JVM (kafka-topics would take one JVM per topic), waiting for
 * a broker that is still starting. Idempotent: existing topics are kept, and only grown when they
 * have fewer partitions than asked (e.g. auto-created by an older broker).
 */
final class Topics {
    private static final Duration WAIT_FOR_BROKER = Duration.ofSeconds(90);

    private Topics() {
    }

    record Spec(String name, int partitions, boolean compact) {
        static Spec parse(String text) {
            String[] parts = text.split(":");
            if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !"compact".equals(parts[2]))) {
                throw new IllegalArgumentException("topic must be name:partitions[:compact], got " + text);
            }
            return new Spec(parts[0], Integer.parseInt(parts[1]), parts.length == 3);
        }

        NewTopic toNewTopic() {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            return compact ? topic.configs(Map.of("cleanup.policy", "compact")) : topic;
        }
    }

    static void ensure(String bootstrap, List<String> specs) throws Exception {
        List<Spec> wanted = specs.stream().map(Spec::parse).toList();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = listWhenReady(admin);
            List<NewTopic> missing = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (Spec spec : wanted) {
                if (existing.contains(spec.name())) {
                    present.add(spec.name());
                } else {
                    missing.add(spec.toNewTopic());
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
            growIfSmaller(admin, wanted, present);
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

    private static void growIfSmaller(Admin admin, List<Spec> wanted, List<String> present) throws Exception {
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get();
        Map<String, NewPartitions> grow = new HashMap<>();
        for (Spec spec : wanted) {
            TopicDescription description = described.get(spec.name());
            if (description == null) {
                continue;
            }
            int have = description.partitions().size();
            if (have < spec.partitions()) {
                grow.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
                System.out.println(spec.name() + " grown from " + have + " to " + spec.partitions() + " partitions");
            } else {
                System.out.println(spec.name() + " exists (" + have + " partitions)");
            }
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get();
        }
    }
}
