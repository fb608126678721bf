package pai.events;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes and reads envelopes. Readers ignore fields they do not know, so that a producer can add
 * a field to an event without breaking consumers still on the previous version.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private EventJson() {
    }

    public static byte[] write(EventEnvelope<?> envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(EventEnvelope<?> envelope) {
        return new String(write(envelope), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static EventEnvelope<? extends EventData> read(byte[] json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EventEnvelope<? extends EventData> read(String json) {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static EventEnvelope<? extends EventData> fromTree(JsonNode tree) throws IOException {
        if (!(tree instanceof ObjectNode envelope) || !envelope.hasNonNull("type") || !envelope.hasNonNull("data")) {
            throw new IOException("not an event envelope: " + tree);
        }
        EventType type = EventType.ofWireName(envelope.get("type").asText());
        EventData data = MAPPER.treeToValue(envelope.get("data"), type.recordType());
        return new EventEnvelope<>(
                text(envelope, "id"),
                type.wireName(),
                envelope.path("version").asInt(type.version()),
                MAPPER.treeToValue(envelope.get("occurredAt"), java.time.Instant.class),
                text(envelope, "source"),
                text(envelope, "key"),
                data);
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
