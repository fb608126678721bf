package pai.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.EventJson;

/**
 * Reads a topic on the real broker from the moment it is opened, so that a test can assert the
 * events its actions published (and that nothing else was).
 */
public final class TopicWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicWatcher(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new AssertionError("topic " + topic + " does not exist on " + bootstrap());
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    public static TopicWatcher watch(String topic) {
        return new TopicWatcher(topic);
    }

    public static String bootstrap() {
        String env = System.getenv("PAI_KAFKA_BOOTSTRAP");
        return env == null || env.isBlank() ? "127.0.0.1:9092" : env;
    }

    /** Waits for the first event that matches; fails after {@code timeout}. */
    public EventEnvelope<? extends EventData> await(Predicate<EventEnvelope<? extends EventData>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (EventEnvelope<? extends EventData> event : events()) {
                if (match.test(event)) {
                    return event;
                }
            }
            poll(Duration.ofMillis(200));
        }
        throw new AssertionError("no matching event within " + timeout + "; saw " + events());
    }

    /** Everything read so far, after polling for {@code quiet} more. */
    public List<EventEnvelope<? extends EventData>> drain(Duration quiet) {
        poll(quiet);
        return events();
    }

    public List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(seen);
    }

    private List<EventEnvelope<? extends EventData>> events() {
        return seen.stream().<EventEnvelope<? extends EventData>>map(r -> EventJson.read(r.value())).toList();
    }

    private void poll(Duration duration) {
        consumer.poll(duration).forEach(seen::add);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
