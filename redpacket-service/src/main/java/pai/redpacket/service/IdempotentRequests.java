package pai.redpacket.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import pai.redpacket.domain.IdempotentRequest;

/**
 * Runs a money-moving request at most once per Idempotency-Key: the key, the work and the stored
 * answer commit in one transaction, so a retry either finds the answer or does the work itself.
 */
@ApplicationScoped
public class IdempotentRequests {
    private final EntityManager entityManager;
    private final ObjectMapper json;

    public IdempotentRequests(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** The answer: HTTP status and JSON body, either made now or replayed. */
    public record Answer(int status, String body, boolean replayed) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Answer once(String userId, String key, String operation, int status, Supplier<?> work) {
        if (key == null) {
            return new Answer(status, write(work.get()), false);
        }
        if (!IdempotentRequest.claim(entityManager, userId, key, operation)) {
            IdempotentRequest earlier = IdempotentRequest.find(entityManager, userId, key).orElseThrow();
            if (!earlier.operation().equals(operation) || earlier.status() == null) {
                throw new RedpacketRefusals.IdempotencyKeyReused();
            }
            return new Answer(earlier.status(), earlier.body(), true);
        }
        String body = write(work.get());
        IdempotentRequest.answer(entityManager, userId, key, status, body);
        return new Answer(status, body, false);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
