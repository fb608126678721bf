package pai.events.kafka;

import org.apache.kafka.common.serialization.Serializer;

import pai.events.EventEnvelope;
import pai.events.EventJson;

/** Kafka value serializer for envelopes; configure it as {@code value.serializer} of an outgoing channel. */
public class EventEnvelopeSerializer implements Serializer<EventEnvelope<?>> {
    @Override
    public byte[] serialize(String topic, EventEnvelope<?> envelope) {
        return envelope == null ? null : EventJson.write(envelope);
    }
}
