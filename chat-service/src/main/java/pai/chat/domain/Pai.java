package pai.chat.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A group. {@code lastSeq} is the seq of its newest message; messages take the next one under the row lock. */
@Entity
@Table(name = "pai")
public class Pai extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String description;
    public String ownerId;
    public String inviteCode;
    public long lastSeq;
    public Instant createdAt;

    public static Optional<Pai> findByInviteCode(String inviteCode) {
        return find("inviteCode", inviteCode).firstResultOptional();
    }

    /**
     * Locks the row until the transaction ends, so that two senders never take the same seq and a
     * membership change falls between two seqs.
     */
    public static Optional<Pai> lock(String paiId) {
        return findByIdOptional(paiId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Takes the next seq in one statement. The update locks the row until the transaction ends, as
     * {@link #lock} does, and a rollback gives the seq back, so seqs stay gap-free. Empty when there
     * is no such pai.
     */
    public static OptionalLong takeNextSeq(String paiId) {
        List<?> seq = getEntityManager()
                .createNativeQuery("update pai set last_seq = last_seq + 1 where id = ?1 returning last_seq")
                .setParameter(1, paiId)
                .getResultList();
        return seq.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) seq.get(0)).longValue());
    }
}
