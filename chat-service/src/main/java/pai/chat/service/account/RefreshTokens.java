package pai.chat.service.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;
import pai.chat.config.ChatConfig;
import pai.chat.domain.RefreshToken;
import pai.platform.scheduling.UntilStarted;

/**
 * Refresh tokens: 256 random bits, base64url, kept only as their SHA-256, so that the table alone signs
 * nobody in. Each refresh spends its token and gives the next of the same family; a spent token shown
 * again means that two parties hold the family (one of them stole it), so the whole family is revoked
 * and both must sign in again (docs/decisions.md).
 */
@ApplicationScoped
class RefreshTokens {
    private static final int TOKEN_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final ChatConfig.Auth config;

    RefreshTokens(ChatConfig config) {
        this.config = config.auth();
    }

    enum Outcome {
        ROTATED, REUSED, INVALID
    }

    /** What a refresh did; for ROTATED, whose token it was and the next one. */
    record Rotation(Outcome outcome, String accountId, String next) {
        @Override
        public String toString() {
            return "Rotation[" + outcome + ", " + accountId + "]";
        }
    }

    /** A new token of the family, for the account; in the caller's transaction. */
    @Transactional
    String issue(String accountId, String familyId, Instant now) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = BASE64URL.encodeToString(bytes);
        RefreshToken row = new RefreshToken();
        row.tokenHash = hashOf(token);
        row.accountId = accountId;
        row.familyId = familyId;
        row.createdAt = now;
        row.expiresAt = now.plus(config.refreshTokenTtl());
        row.persist();
        return token;
    }

    /** Spends the token for the next of its family; a spent one shown again revokes the family (REUSED). */
    @Transactional
    Rotation rotate(String token, Instant now) {
        String hash = hashOf(token);
        if (RefreshToken.spend(hash, now)) {
            RefreshToken spent = RefreshToken.findByHash(hash).orElseThrow();
            return new Rotation(Outcome.ROTATED, spent.accountId, issue(spent.accountId, spent.familyId, now));
        }
        Optional<RefreshToken> known = RefreshToken.findByHash(hash);
        if (known.isPresent() && known.get().spentAt != null && known.get().revokedAt == null) {
            RefreshToken.revokeFamily(known.get().familyId, now);
            return new Rotation(Outcome.REUSED, known.get().accountId, null);
        }
        return new Rotation(Outcome.INVALID, null, null);
    }

    /** Signing out: the family of the token ends, whichever of its tokens is shown. Unknown tokens end nothing. */
    @Transactional
    void revoke(String token, Instant now) {
        RefreshToken.findByHash(hashOf(token)).ifPresent(known -> RefreshToken.revokeFamily(known.familyId, now));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    @Transactional
    void deleteExpired() {
        RefreshToken.deleteExpired(Instant.now());
    }

    static String hashOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
