package pai.platform.error;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Failures that pass: PostgreSQL or Redis restarting, unreachable or out of connections for a moment, a
 * serialization conflict. A request that meets one answers 503 (try again) instead of 500, and a consumer
 * retries the event instead of stopping its channel.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /** True for a failure that a retry after a pause can get past, found anywhere in the chain of causes. */
    public static boolean passes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof JDBCConnectionException || cause instanceof ConnectException
                    || cause instanceof SocketException || cause instanceof ClosedChannelException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && passingState(sql.getSQLState())) {
                return true;
            }
            String message = cause.getMessage();
            // Agroal's pool while PostgreSQL is away; Redis while it replays its append-only file; the Redis
            // client's connection that Redis closed (a stackless Vert.x failure with only this message).
            if (message != null && (message.startsWith("Acquisition timeout") || message.startsWith("LOADING ")
                    || message.equals("Connection is closed"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's classes of errors that pass: connection exceptions (08), operator intervention such as an
     * administrator's shutdown (57P), insufficient resources such as too many connections (53), and a
     * serialization failure or deadlock (40001, 40P01).
     */
    private static boolean passingState(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53") || state.equals("40001")
                || state.equals("40P01");
    }
}
