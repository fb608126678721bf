package pai.redpacket.domain;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Wallets live only in PostgreSQL. Every change is an entry plus a balance update in the caller's
 * transaction; an entry is unique per (kind, reference, user), so it is never applied twice.
 */
@ApplicationScoped
public class Wallets {
    private final EntityManager entityManager;

    public Wallets(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record Entry(long id, long amountCents, String kind, String refId, java.time.Instant createdAt) {
    }

    /** Adds {@code amount}; false when this (kind, ref) was already applied. */
    public boolean credit(String userId, long amount, String kind, String refId) {
        if (!addEntry(userId, amount, kind, refId)) {
            return false;
        }
        entityManager.createNativeQuery("""
                insert into wallet (user_id, balance_cents, updated_at) values (?1, ?2, now())
                on conflict (user_id) do update set balance_cents = wallet.balance_cents + excluded.balance_cents,
                                                    updated_at = now()""")
                .setParameter(1, userId).setParameter(2, amount).executeUpdate();
        return true;
    }

    /** Takes {@code amount} only if the balance covers it: one conditional update, never below zero. */
    public boolean debit(String userId, long amount, String kind, String refId) {
        int updated = entityManager.createNativeQuery(
                "update wallet set balance_cents = balance_cents - ?2, updated_at = now() where user_id = ?1 and balance_cents >= ?2")
                .setParameter(1, userId).setParameter(2, amount).executeUpdate();
        if (updated == 0) {
            return false;
        }
        if (!addEntry(userId, -amount, kind, refId)) {
            throw new IllegalStateException("debit " + kind + " " + refId + " applied twice");
        }
        return true;
    }

    public long balance(String userId) {
        List<?> rows = entityManager.createNativeQuery("select balance_cents from wallet where user_id = ?1")
                .setParameter(1, userId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<Entry> entries(String userId, long beforeId, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery(
                "select id, amount_cents, kind, ref_id, created_at from wallet_entry where user_id = ?1 and id < ?2 order by id desc limit ?3")
                .setParameter(1, userId).setParameter(2, beforeId).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                (String) r[3], toInstant(r[4]))).toList();
    }

    private boolean addEntry(String userId, long amount, String kind, String refId) {
        return entityManager.createNativeQuery("""
                insert into wallet_entry (user_id, amount_cents, kind, ref_id, created_at) values (?1, ?2, ?3, ?4, now())
                on conflict do nothing""")
                .setParameter(1, userId).setParameter(2, amount).setParameter(3, kind).setParameter(4, refId)
                .executeUpdate() == 1;
    }

    private static java.time.Instant toInstant(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (java.time.Instant) value;
    }
}
