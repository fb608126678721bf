package pai.redpacket.domain;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.EntityManager;

/** The first answer to an Idempotency-Key, replayed to every retry with the same key. */
public record IdempotentRequest(String operation, Integer status, String body) {

    /**
     * Claims the key in the caller's transaction. A concurrent request with the same key waits on
     * the row until the first commits, then sees its answer.
     */
    public static boolean claim(EntityManager em, String userId, String key, String operation) {
        return em.createNativeQuery("""
                insert into idempotent_request (user_id, idem_key, operation, created_at) values (?1, ?2, ?3, ?4)
                on conflict do nothing""")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, operation).setParameter(4, Instant.now())
                .executeUpdate() == 1;
    }

    public static Optional<IdempotentRequest> find(EntityManager em, String userId, String key) {
        var rows = em.createNativeQuery(
                "select operation, status, body from idempotent_request where user_id = ?1 and idem_key = ?2")
                .setParameter(1, userId).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new IdempotentRequest((String) row[0], row[1] == null ? null : ((Number) row[1]).intValue(),
                (String) row[2]));
    }

    public static void answer(EntityManager em, String userId, String key, int status, String body) {
        em.createNativeQuery("update idempotent_request set status = ?3, body = ?4 where user_id = ?1 and idem_key = ?2")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, status).setParameter(4, body)
                .executeUpdate();
    }
}
