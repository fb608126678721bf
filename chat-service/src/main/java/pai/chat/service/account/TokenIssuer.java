package pai.chat.service.account;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;

import io.smallrye.jwt.build.Jwt;
import pai.chat.config.ChatConfig;
import pai.chat.domain.Account;

/**
 * Access tokens for accounts: the RS256 JWT every service verifies (docs/contract.md, auth), signed with
 * the private key of {@code smallrye.jwt.sign.key.location} ({@code PAI_JWT_PRIVATE_KEY}); the claims are
 * those of the launcher's dev tokens, with {@code sub} and {@code upn} the account's id.
 */
@ApplicationScoped
class TokenIssuer {
    private final Duration ttl;
    private final String issuer;

    TokenIssuer(ChatConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.ttl = config.auth().accessTokenTtl();
        this.issuer = issuer;
    }

    String accessToken(Account account, Instant now) {
        return Jwt.issuer(issuer)
                .subject(account.id)
                .upn(account.id)
                .groups(new LinkedHashSet<>(account.roles()))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim(Claims.jti, UUID.randomUUID().toString())
                .jws().header("typ", "JWT")
                .sign();
    }

    Duration ttl() {
        return ttl;
    }
}
