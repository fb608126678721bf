package pai.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import pai.events.EventEnvelope;
import pai.events.EventJson;

/**
 * Writes events in the caller's transaction, so that a state change and the events announcing it
 * commit together or not at all. {@link OutboxRelay} publishes them once the transaction commits.
 */
@ApplicationScoped
public class Outbox {
    private final EntityManager entityManager;
    private final Event<OutboxAppended> appended;

    public Outbox(EntityManager entityManager, Event<OutboxAppended> appended) {
        this.entityManager = entityManager;
        this.appended = appended;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventEnvelope<?> event) {
        entityManager.createNativeQuery(
                "insert into outbox_event (event_id, topic, event_key, payload, created_at) values (?1, ?2, ?3, ?4, now())")
                .setParameter(1, event.id())
                .setParameter(2, event.topic())
                .setParameter(3, event.key())
                .setParameter(4, EventJson.writeString(event))
                .executeUpdate();
        appended.fire(new OutboxAppended(event.topic()));
    }

    /** Fired inside the writing transaction; the relay listens for its successful commit. */
    public record OutboxAppended(String topic) {
    }
}
