package pai.share.service.visit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Who opened a link, without keeping who they are: a first-party cookie holding a signed visitor id, or,
 * for a client that keeps no cookies, an id derived from a keyed hash of its address, user agent and
 * language. The first visit's cookie carries that same id, so a visitor counts as one with or without it.
 * The raw address is never stored; the key lives in the database, shared by every instance.
 */
@ApplicationScoped
public class Visitors {
    public static final String COOKIE = "pai_visitor";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final EntityManager entityManager;
    private volatile SecretKeySpec key;

    public Visitors(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A visitor: the key clicks are counted by, and the cookie to set when the request brought none (or a forged one). */
    public record Visitor(String key, String cookieToSet) {
    }

    public Visitor identify(String cookie, String address, String userAgent, String language) {
        if (cookie != null) {
            int dot = cookie.indexOf('.');
            if (dot > 0 && MessageDigest.isEqual(mac("cookie|" + cookie.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                    cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
                return new Visitor(cookie.substring(0, dot), null);
            }
        }
        String id = mac("visitor|" + address + "|" + nullToEmpty(userAgent) + "|" + nullToEmpty(language));
        return new Visitor(id, id + "." + mac("cookie|" + id));
    }

    /** The keyed hash an address is counted by in the velocity guard and stored as on an accept. */
    public String addressKey(String address) {
        return mac("address|" + address);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreateSecret(), "HmacSHA256");
                }
                current = key;
            }
        }
        return current;
    }

    /** The first instance to ask creates the key; every later one, and every restart, reads the same. */
    private byte[] loadOrCreateSecret() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("insert into visitor_secret (id, secret) values (1, ?1) on conflict do nothing")
                    .setParameter(1, fresh).executeUpdate();
            return (byte[]) entityManager.createNativeQuery("select secret from visitor_secret where id = 1")
                    .getSingleResult();
        });
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
