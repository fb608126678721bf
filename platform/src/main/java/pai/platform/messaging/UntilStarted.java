package pai.platform.messaging;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduled;

/**
 * Skips scheduled jobs until the application has started: the scheduler fires before messaging
 * has wired its emitters, and a job that needs one would fail to be created.
 */
@Singleton
public class UntilStarted implements Scheduled.SkipPredicate {
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !started;
    }
}
