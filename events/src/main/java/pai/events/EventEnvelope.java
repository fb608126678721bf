package pai.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope every Kafka event travels in. {@code id} is unique per event: consumers
 * de-duplicate on it, because delivery is at least once.
 */
public record EventEnvelope<T extends EventData>(
        String id, String type, int version, Instant occurredAt, String source, String key, T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh id, stamped now. */
    public static <T extends EventData> EventEnvelope<T> of(String source, T data) {
        return of(UUID.randomUUID().toString(), source, Instant.now(), data);
    }

    /** An event whose id is derived by the caller, so that a retried publish keeps its identity. */
    public static <T extends EventData> EventEnvelope<T> of(String id, String source, Instant occurredAt, T data) {
        EventType type = EventType.of(data);
        return new EventEnvelope<>(id, type.wireName(), type.version(), occurredAt, source, data.key(), data);
    }

    public EventType eventType() {
        return EventType.ofWireName(type);
    }

    public String topic() {
        return eventType().topic();
    }
}
