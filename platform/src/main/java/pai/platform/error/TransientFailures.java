package pai.platform.error;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Failures that pass: PostgreSQL or Redis restarting, unreachable or out of connections for a moment, a
 * serialization conflict. A request that meets one answers 503 (try again) instead of 500, and a consumer
 * retries the event instead of stopping its channel.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /**
     * True for a failure that a retry after a pause can get past, found anywhere among its causes and their
     * suppressed failures: a commit that fails keeps the database's reason as a suppressed one of its rollback.
     */
    public static boolean passes(Throwable failure) {
        return passes(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean passes(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (passesItself(failure)) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (passes(suppressed, seen)) {
                return true;
            }
        }
        return passes(failure.getCause(), seen);
    }

    private static boolean passesItself(Throwable failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof JDBCConnectionException || failure instanceof ConnectException
                || failure instanceof SocketException || failure instanceof ClosedChannelException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null && passingState(sql.getSQLState())) {
            return true;
        }
        String message = failure.getMessage();
        // Agroal's pool while PostgreSQL is away; Redis while it replays its append-only file; the Redis
        // client's connection that Redis closed (a stackless Vert.x failure with only this message).
        return message != null && (message.startsWith("Acquisition timeout") || message.startsWith("LOADING ")
                || message.equals("Connection is closed"));
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
