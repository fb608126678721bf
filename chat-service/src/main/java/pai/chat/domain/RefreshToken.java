package pai.chat.domain;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A refresh token, known here only by its SHA-256. A sign-in starts a family; each refresh spends the
 * token it presents and adds the next one to the family; revoking ends the family.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {
    @Id
    public String tokenHash;
    public String accountId;
    public String familyId;
    public Instant expiresAt;
    public Instant spentAt;
    public Instant revokedAt;
    public Instant createdAt;

    public static Optional<RefreshToken> findByHash(String tokenHash) {
        return findByIdOptional(tokenHash);
    }

    /**
     * Spends the token if it is live (not spent, revoked or expired), in one statement, so that of two
     * refreshes with one token only one spends it.
     *
     * @return whether this call spent it
     */
    public static boolean spend(String tokenHash, Instant now) {
        return update("spentAt = ?1 where tokenHash = ?2 and spentAt is null and revokedAt is null and expiresAt > ?1",
                now, tokenHash) == 1;
    }

    /** Revokes every token of the family that is not revoked yet. */
    public static void revokeFamily(String familyId, Instant now) {
        update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    /** Deletes the tokens past their expiry: expired, they refresh nothing and reveal no reuse worth acting on. */
    public static long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
