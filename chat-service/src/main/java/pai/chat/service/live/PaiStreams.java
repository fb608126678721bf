package pai.chat.service.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** This instance's pai streams: one for each pai with a connection here, gone with its last connection. */
@Singleton
class PaiStreams {
    private final Map<String, PaiStream> streams = new ConcurrentHashMap<>();
    private final GapFill gapFill;
    private final Timer deliveryLag;

    PaiStreams(GapFill gapFill, MeterRegistry registry) {
        this.gapFill = gapFill;
        this.deliveryLag = Timer.builder("pai.chat.delivery.lag")
                .description("Time from a message's creation to its push to this instance's connections")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** The pai's stream, or null when no connection here is subscribed to it. */
    PaiStream get(String paiId) {
        return streams.get(paiId);
    }

    void subscribe(LiveConnection connection, String paiId) {
        connection.feed.subscribe(paiId);
        streams.computeIfAbsent(paiId, id -> new PaiStream(id, gapFill, deliveryLag)).connections.add(connection);
    }

    void unsubscribe(LiveConnection connection, String paiId) {
        connection.feed.unsubscribe(paiId);
        streams.computeIfPresent(paiId, (id, stream) -> {
            stream.connections.remove(connection);
            return stream.connections.isEmpty() ? null : stream;
        });
    }
}
