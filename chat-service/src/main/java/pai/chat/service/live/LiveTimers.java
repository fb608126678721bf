package pai.chat.service.live;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** The one thread on which live delivery's timers run: the resume grace, the gap fill, token expiry. */
@Singleton
class LiveTimers {
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "live-delivery");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs the task after the delay; at once when the delay is zero or negative. */
    void after(Duration delay, Runnable task) {
        timers.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
