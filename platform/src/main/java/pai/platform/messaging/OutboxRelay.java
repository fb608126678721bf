package pai.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import pai.platform.scheduling.UntilStarted;

/**
 * Publishes committed outbox rows to Kafka in id order and deletes them once the broker has
 * acknowledged them ({@code acks=all}). A PostgreSQL advisory lock per schema lets one instance
 * relay at a time, which keeps per-key order across instances; a crash between the acknowledgement and the
 * delete publishes again, and consumers drop the repeat by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final EntityManager entityManager;
    private final Emitter<String> emitter;
    private final Timer publishLag;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    public OutboxRelay(EntityManager entityManager,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4 * BATCH) Emitter<String> emitter,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.emitter = emitter;
        this.publishLag = Timer.builder("pai.outbox.lag")
                .description("Time from an event's commit to the broker's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxAppended appended) {
        wake();
    }

    @Scheduled(every = "${pai.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    void poll() {
        wake();
    }

    /** Queues one drain unless one is already queued; the single worker keeps drains sequential. */
    public void wake() {
        if (drainQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                drainQueued.set(false);
                drain();
            });
        }
    }

    void drain() {
        try {
            int relayed;
            do {
                relayed = QuarkusTransaction.requiringNew().timeout(60).call(this::relayBatch);
            } while (relayed == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay will retry: %s", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    int relayBatch() {
        // One lock per schema: the services share a database, and each relays only its own outbox.
        Boolean locked = (Boolean) entityManager
                .createNativeQuery("select pg_try_advisory_xact_lock(hashtext('pai.outbox.' || current_schema()))")
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<Object[]> rows = entityManager.createNativeQuery(
                "select id, topic, event_key, payload, created_at from outbox_event order by id limit ?1")
                .setParameter(1, BATCH)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add(((Number) row[0]).longValue());
            acks.add(send((String) row[1], (String) row[2], (String) row[3]));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge the outbox batch", e);
        }
        long now = System.currentTimeMillis();
        for (Object[] row : rows) {
            publishLag.record(Duration.ofMillis(Math.max(0, now - toMillis(row[4]))));
        }
        entityManager.createNativeQuery("delete from outbox_event where id = any(?1)")
                .setParameter(1, ids.toArray(Long[]::new))
                .executeUpdate();
        return rows.size();
    }

    private CompletableFuture<Void> send(String topic, String key, String payload) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }

    private static long toMillis(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp ts) {
            return ts.getTime();
        }
        if (timestamp instanceof java.time.Instant instant) {
            return instant.toEpochMilli();
        }
        if (timestamp instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant().toEpochMilli();
        }
        return System.currentTimeMillis();
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
