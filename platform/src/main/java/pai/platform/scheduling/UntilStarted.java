package pai.platform.scheduling;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduled;

/**
 * Skips scheduled jobs until the application has started and once it stops: the scheduler fires
 * before messaging has wired its emitters, and after the database pool has closed.
 */
@Singleton
public class UntilStarted implements Scheduled.SkipPredicate {
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !started;
    }
}
