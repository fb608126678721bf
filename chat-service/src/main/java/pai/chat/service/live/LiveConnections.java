package pai.chat.service.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;

/** The WebSocket connections open on this instance, by connection id and by user. */
@Singleton
public class LiveConnections {
    private final Map<String, LiveConnection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<LiveConnection>> byUser = new ConcurrentHashMap<>();
    private final PaiStreams streams;

    LiveConnections(PaiStreams streams, MeterRegistry registry) {
        this.streams = streams;
        registry.gaugeMapSize("pai.chat.websocket.connections", List.of(), byId);
    }

    LiveConnection add(WebSocketConnection socket, String userId) {
        LiveConnection connection = new LiveConnection(socket, userId);
        byId.put(connection.id(), connection);
        byUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(connection);
        return connection;
    }

    /** The open connection with this id, or null. */
    LiveConnection get(String connectionId) {
        return byId.get(connectionId);
    }

    Set<LiveConnection> ofUser(String userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    /** Forgets the connection and takes it out of its pais' streams: for a socket that closed. */
    public void remove(String connectionId) {
        LiveConnection connection = byId.remove(connectionId);
        if (connection == null) {
            return;
        }
        Set<LiveConnection> ofUser = byUser.get(connection.userId);
        if (ofUser != null) {
            ofUser.remove(connection);
        }
        connection.feed.paiIds().forEach(paiId -> streams.unsubscribe(connection, paiId));
    }

    void close(LiveConnection connection, int code, String reason) {
        remove(connection.id());
        connection.close(code, reason);
    }
}
