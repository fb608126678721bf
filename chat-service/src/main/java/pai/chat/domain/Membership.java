package pai.chat.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import pai.events.chat.MemberRole;

/** A user's place in a pai: role and read cursor. */
@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {
    @Id
    public String paiId;
    @Id
    public String userId;
    @Enumerated(EnumType.STRING)
    public MemberRole role;
    public long readSeq;
    public Instant joinedAt;

    public record Key(String paiId, String userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static Optional<Membership> find(String paiId, String userId) {
        return findByIdOptional(new Key(paiId, userId));
    }

    public static List<Membership> ofUser(String userId) {
        return list("userId", Sort.by("joinedAt").descending(), userId);
    }

    /** A page of the user's pais, newest joined first, after the one the cursor names. */
    public static List<Membership> ofUser(String userId, Membership after, int limit) {
        Sort newestFirst = Sort.by("joinedAt").descending().and("paiId").descending();
        if (after == null) {
            return find("userId", newestFirst, userId).page(0, limit).list();
        }
        return find("userId = ?1 and (joinedAt < ?2 or (joinedAt = ?2 and paiId < ?3))", newestFirst, userId,
                after.joinedAt, after.paiId).page(0, limit).list();
    }

    public static List<Membership> ofPai(String paiId, String afterUserId, int limit) {
        return find("paiId = ?1 and userId > ?2", Sort.by("userId"), paiId, afterUserId == null ? "" : afterUserId)
                .page(0, limit).list();
    }

    /** The member who has been in the pai longest with this role, other than {@code exceptUserId}. */
    public static Optional<Membership> earliestWithRole(String paiId, MemberRole role, String exceptUserId) {
        return find("paiId = ?1 and role = ?2 and userId <> ?3", Sort.by("joinedAt").and("userId"), paiId, role,
                exceptUserId).firstResultOptional();
    }

    /** Moves the read cursor forward only, in one statement, so that concurrent moves keep the furthest. */
    public static void advanceReadSeq(String paiId, String userId, long seq) {
        update("readSeq = ?1 where paiId = ?2 and userId = ?3 and readSeq < ?1", seq, paiId, userId);
    }
}
