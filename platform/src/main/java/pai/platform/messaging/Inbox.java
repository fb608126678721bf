package pai.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import pai.events.EventEnvelope;

/**
 * The inbox of idempotent consumers. A consumer asks once it knows it will apply the event (its type
 * is one the consumer handles), inside the transaction of the effect, so the effect and the record
 * that the event was handled commit together. Every answer is counted in
 * {@code pai.<service>.events{channel, outcome=applied|duplicate}}.
 */
@ApplicationScoped
public class Inbox {
    private final EntityManager entityManager;
    private final MeterRegistry registry;
    private final String meter;

    public Inbox(EntityManager entityManager, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.entityManager = entityManager;
        this.registry = registry;
        this.meter = "pai." + application.replaceFirst("-service$", "") + ".events";
    }

    /** True the first time the consumer of {@code channel} sees the event; false for every redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String channel, EventEnvelope<?> event) {
        boolean first = entityManager.createNativeQuery(
                "insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, now()) on conflict do nothing")
                .setParameter(1, channel)
                .setParameter(2, event.id())
                .executeUpdate() == 1;
        registry.counter(meter, "channel", channel, "outcome", first ? "applied" : "duplicate").increment();
        return first;
    }
}
