package pai.chat.service.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Signs media URLs (HMAC-SHA256 over path and expiry), so that an {@code <img>} loads them without
 * a header. The secret is made once and kept in the database, so every instance checks the URLs
 * every other one signs.
 */
@ApplicationScoped
public class UrlSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entityManager;
    private volatile byte[] secret;

    public UrlSigner(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public String sign(String path, Instant expires) {
        return path + "?exp=" + expires.getEpochSecond() + "&sig=" + signature(path, expires.getEpochSecond());
    }

    public boolean verify(String path, long expires, String signature) {
        if (signature == null || Instant.now().getEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(signature(path, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String path, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] digest = mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] secret() {
        if (secret == null) {
            byte[] candidate = new byte[32];
            RANDOM.nextBytes(candidate);
            // The first instance to get here stores its candidate; every instance then reads that one.
            secret = QuarkusTransaction.requiringNew().call(() -> {
                entityManager.createNativeQuery("insert into url_signing_key (id, secret) values (1, ?1) on conflict do nothing")
                        .setParameter(1, candidate).executeUpdate();
                return (byte[]) entityManager.createNativeQuery("select secret from url_signing_key where id = 1")
                        .getSingleResult();
            });
        }
        return secret;
    }
}
