package pai.chat.service.live;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

/** A connection lasts as long as the token that opened it: when the token expires it is closed with 4401. */
@Singleton
class TokenExpiry {
    private final LiveConnections connections;
    private final LiveTimers timers;

    TokenExpiry(LiveConnections connections, LiveTimers timers) {
        this.connections = connections;
        this.timers = timers;
    }

    void closeWhenExpired(LiveConnection connection, Instant expiresAt) {
        timers.after(Duration.between(Instant.now(), expiresAt),
                () -> connections.close(connection, LiveDelivery.CLOSE_BAD_TOKEN, "token expired"));
    }
}
