package pai.launcher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Mints RS256 JWTs as the services expect them: issuer {@code pai}, {@code sub} the user, roles in {@code groups}. */
public final class DevTokens {
    public static final String ISSUER = "pai";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private DevTokens() {
    }

    public static String mint(PrivateKey key, String userId, boolean operator, Duration ttl) {
        if (userId == null || !userId.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("user id must be 1..64 of letters, digits and _.@-");
        }
        return sign(key, userId, operator ? "[\"user\",\"operator\"]" : "[\"user\"]", ttl);
    }

    /**
     * A token for a Pai service calling another for itself (group {@code service}, never {@code user}): what an
     * identity provider's client-credentials grant gives a service in production.
     */
    public static String mintService(PrivateKey key, String serviceName, Duration ttl) {
        if (serviceName == null || !serviceName.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("service name must be 1..64 of a-z, 0-9 and -");
        }
        return sign(key, serviceName, "[\"service\"]", ttl);
    }

    private static String sign(PrivateKey key, String userId, String groups, Duration ttl) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userId + "\",\"upn\":\"" + userId + "\""
                + ",\"groups\":" + groups
                + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(ttl).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
