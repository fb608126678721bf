package pai.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.platform.error.TransientFailures;

/**
 * Applies a consumed event in a transaction of its own, again and again while it fails for a reason that
 * passes ({@link TransientFailures}: PostgreSQL restarting or unreachable, a connection it closed, a
 * serialization conflict, Redis loading its data). Without this, one such failure nacks the event and the messaging channel stops for good
 * (its readiness check stays down, and no later event of the topic is applied). Holding the event instead keeps
 * the partition's order; the consumer carries on once the database is back. Any other failure propagates.
 * Each retry is counted in {@code pai.<service>.events{channel, outcome=retried}}.
 */
@ApplicationScoped
public class ConsumerRetry {
    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    /** How a retry waits; tests pass one that does not sleep. */
    interface Pause {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final MeterRegistry registry;
    private final String meter;

    public ConsumerRetry(MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.registry = registry;
        this.meter = "pai." + application.replaceFirst("-service$", "") + ".events";
    }

    /** Runs {@code work} in a new transaction until it commits or fails for a reason that does not pass. */
    public <T> T inTransaction(String channel, Supplier<T> work) {
        return untilDone(channel, () -> QuarkusTransaction.requiringNew().call(work::get),
                pause -> Thread.sleep(pause.toMillis()));
    }

    public void inTransaction(String channel, Runnable work) {
        inTransaction(channel, () -> {
            work.run();
            return null;
        });
    }

    <T> T untilDone(String channel, Callable<T> attempt, Pause pause) {
        Duration wait = FIRST_PAUSE;
        long failures = 0;
        while (true) {
            try {
                return attempt.call();
            } catch (Exception e) {
                if (!TransientFailures.passes(e)) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
                failures++;
                registry.counter(meter, "channel", channel, "outcome", "retried").increment();
                // The first failure and then one in fifty: a database down for a minute is not a thousand lines.
                if (failures == 1 || failures % 50 == 0) {
                    LOG.warnf("%s: applying an event failed (%s), retry %d in %d ms", channel, rootMessage(e), failures, wait.toMillis());
                }
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(channel + ": interrupted while waiting to retry", e);
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : wait.multipliedBy(2);
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
