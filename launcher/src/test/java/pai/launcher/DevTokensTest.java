package pai.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    @TempDir
    Path keysDir;

    @Test
    void mintedTokenVerifiesWithThePublicKeyOnDisk() throws Exception {
        KeyPair created = DevKeys.loadOrCreate(keysDir);
        String token = DevTokens.mint(created.getPrivate(), "demo-alice", false, Duration.ofMinutes(5));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        // Loaded again from the PEM files, as a service would read public.pem.
        KeyPair loaded = DevKeys.loadOrCreate(keysDir);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(loaded.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(decode(parts[0])).contains("\"alg\":\"RS256\"");
    }

    @Test
    void tokenCarriesSubjectGroupsAndExpiry() {
        KeyPair keys = DevKeys.loadOrCreate(keysDir);
        long before = Instant.now().getEpochSecond();

        String user = claims(DevTokens.mint(keys.getPrivate(), "demo-alice", false, Duration.ofMinutes(5)));
        String operator = claims(DevTokens.mint(keys.getPrivate(), "demo-operator", true, Duration.ofMinutes(5)));

        assertThat(user).contains("\"sub\":\"demo-alice\"", "\"iss\":\"pai\"", "\"groups\":[\"user\"]");
        assertThat(operator).contains("\"sub\":\"demo-operator\"", "\"groups\":[\"user\",\"operator\"]");
        long exp = Long.parseLong(user.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertThat(exp).isBetween(before + 300, Instant.now().getEpochSecond() + 300);
    }

    @Test
    void tokenOfAnotherKeyPairDoesNotVerify(@TempDir Path otherDir) throws Exception {
        String token = DevTokens.mint(DevKeys.loadOrCreate(keysDir).getPrivate(), "demo-bob", false, Duration.ofMinutes(1));
        String[] parts = token.split("\\.");

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(DevKeys.loadOrCreate(otherDir).getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isFalse();
    }

    @Test
    void userIdThatCouldBreakTheJsonIsRefused() {
        KeyPair keys = DevKeys.loadOrCreate(keysDir);
        assertThatThrownBy(() -> DevTokens.mint(keys.getPrivate(), "alice\",\"groups\":[\"operator\"]", false, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String claims(String token) {
        return decode(token.split("\\.")[1]);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
