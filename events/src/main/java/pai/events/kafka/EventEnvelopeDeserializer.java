package pai.events.kafka;

import org.apache.kafka.common.serialization.Deserializer;

import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.EventJson;

/**
 * Kafka value deserializer for envelopes; configure it as {@code value.deserializer} of an
 * incoming channel. The record type of {@code data} follows the envelope's {@code type}.
 */
public class EventEnvelopeDeserializer implements Deserializer<EventEnvelope<? extends EventData>> {
    @Override
    public EventEnvelope<? extends EventData> deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.read(data);
    }
}
