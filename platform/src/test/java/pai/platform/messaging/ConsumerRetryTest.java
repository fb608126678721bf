package pai.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import pai.platform.error.TransientFailures;

class ConsumerRetryTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerRetry retry = new ConsumerRetry(registry, "chat-service");
    private final List<Duration> pauses = new ArrayList<>();

    private static RuntimeException postgresShutDown() {
        return new GenericJDBCException("JDBC exception executing SQL",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
    }

    @Test
    void anEventThatFailsWhilePostgresRestartsIsAppliedOnceItIsBackAndEachRetryIsCounted() {
        AtomicInteger attempts = new AtomicInteger();
        int applied = retry.untilDone("redpacket-lifecycle", () -> {
            if (attempts.incrementAndGet() <= 2) {
                throw postgresShutDown();
            }
            return 7;
        }, pauses::add);
        assertThat(applied).isEqualTo(7);
        assertThat(attempts).hasValue(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(registry.counter("pai.chat.events", "channel", "redpacket-lifecycle", "outcome", "retried").count()).isEqualTo(2);
    }

    @Test
    void aFailureThatARetryCannotPassIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.untilDone("chat-members", () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("a bug, not an outage");
        }, pauses::add)).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void thePauseDoublesUpToFiveSecondsAndStaysThere() {
        AtomicInteger attempts = new AtomicInteger();
        retry.untilDone("ledger-grabs", () -> {
            if (attempts.incrementAndGet() <= 8) {
                throw postgresShutDown();
            }
            return null;
        }, pauses::add);
        assertThat(pauses).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    }

    @Test
    void connectionLossOverloadConflictsAndRedisLoadingPassButAConstraintViolationDoesNot() {
        assertThat(TransientFailures.passes(new SQLException("An I/O error occurred while sending to the backend.", "08006"))).isTrue();
        assertThat(TransientFailures.passes(new SQLException("sorry, too many clients already", "53300"))).isTrue();
        assertThat(TransientFailures.passes(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(TransientFailures.passes(new IllegalStateException(new RuntimeException("LOADING Redis is loading the dataset in memory"))))
                .isTrue();
        assertThat(TransientFailures.passes(new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
        assertThat(TransientFailures.passes(new java.util.concurrent.CompletionException(new java.nio.channels.ClosedChannelException())))
                .isTrue();
        assertThat(TransientFailures.passes(new java.util.concurrent.CompletionException(new RuntimeException("Connection is closed"))))
                .isTrue();
        RuntimeException failedCommit = new IllegalStateException(new Exception("ARJUNA016053: Could not commit transaction."));
        failedCommit.getCause().addSuppressed(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertThat(TransientFailures.passes(failedCommit)).as("a commit's rollback keeps the reason as a suppressed failure").isTrue();
        assertThat(TransientFailures.passes(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(TransientFailures.passes(new NullPointerException())).isFalse();
    }
}
