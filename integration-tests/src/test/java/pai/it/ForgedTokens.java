package pai.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import pai.launcher.DevKeys;
import pai.launcher.DevTokens;

/**
 * Tokens an attacker could make, each claiming the user and operator roles with the claims a real token has:
 * expired, signed by a key of their own, {@code alg: none}, and HS256 keyed with the services' public key (the
 * confusion of a verifier that takes the algorithm from the token).
 */
final class ForgedTokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final String ROLES = "[\"user\",\"operator\"]";

    private ForgedTokens() {
    }

    /** Signed with the real key, but its exp ten minutes past (beyond any clock skew allowed). */
    static String expired(String userId) {
        return DevTokens.mint(DevKeys.loadOrCreate(ItEnvironment.keys()).getPrivate(), userId, true, Duration.ofMinutes(-10));
    }

    static String signedByAnotherKey(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return rs256(generator.generateKeyPair().getPrivate(), claims(userId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String algNone(String userId) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims(userId)) + ".";
    }

    /** HS256 whose secret is the public key's PEM text, as a verifier confused about algorithms would check it. */
    static String hs256WithThePublicKey(String userId) {
        try {
            byte[] secret = Files.readAllBytes(ItEnvironment.keys().resolve(DevKeys.PUBLIC_KEY));
            String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(claims(userId));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + URL.encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claims(String userId) {
        Instant now = Instant.now();
        return "{\"iss\":\"" + DevTokens.ISSUER + "\",\"sub\":\"" + userId + "\",\"upn\":\"" + userId + "\""
                + ",\"groups\":" + ROLES + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(Duration.ofHours(1)).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String rs256(PrivateKey key, String claims) throws GeneralSecurityException {
        String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + URL.encodeToString(signature.sign());
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
