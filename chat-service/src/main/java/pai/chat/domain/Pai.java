package pai.chat.domain;

import java.time.Instant;
import java.util.Optional;

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
}
