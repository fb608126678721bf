package pai.chat.service.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final PasswordHasher.Cost OWASP = new PasswordHasher.Cost(19456, 2, 1);
    private final PasswordHasher hasher = new PasswordHasher(OWASP, 2, Duration.ofSeconds(5));

    @Test
    void aHashIsArgon2idInPhcFormatWithTheConfiguredCostAndAFreshSalt() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain("correct horse battery");
        assertThat(second).isNotEqualTo(first);
        assertThat(hasher.verify("correct horse battery", first)).isTrue();
        assertThat(hasher.verify("correct horse battery", second)).isTrue();
    }

    @Test
    void aWrongPasswordIsRejected() {
        String stored = hasher.hash("correct horse battery");

        assertThat(hasher.verify("correct horse batterY", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    /** Made by the reference implementation: echo -n "correct horse battery" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e */
    @Test
    void readsHashesOfTheReferenceImplementation() {
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$iPOQ5f2O21FsjnBvo1AiFcDuSXciCnKUrXFO+yfgNoM";

        assertThat(hasher.verify("correct horse battery", reference)).isTrue();
        assertThat(hasher.verify("correct horse batter", reference)).isFalse();
        assertThat(hasher.needsRehash(reference)).isFalse();
    }

    /** argon2 anothersaltvalue -id -t 3 -k 4096 -p 2 -l 32 -e: a hash made before the cost was changed. */
    @Test
    void aHashOfAnotherCostStillVerifiesAndAsksToBeMadeAnew() {
        String older = "$argon2id$v=19$m=4096,t=3,p=2$YW5vdGhlcnNhbHR2YWx1ZQ$68HKNFTO1LxT+WwW/Tc4L2ECrhDnLMuuxeIcfxYpX0w";

        assertThat(hasher.verify("correct horse battery", older)).isTrue();
        assertThat(hasher.needsRehash(older)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("correct horse battery"))).isFalse();
    }

    /** The reference's hash of "pässwort über" as typed with composed letters; here it comes decomposed. */
    @Test
    void passwordsAreComparedInOneUnicodeForm() {
        String composed = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$vqrxLY3Asbc+DdQ3QbxGCJf5MG/bdj1SUTGmEr7nZHk";

        assertThat(hasher.verify("pa\u0308sswort u\u0308ber", composed)).isTrue();
        assertThat(hasher.verify("p\u00e4sswort \u00fcber", composed)).isTrue();
    }

    @Test
    void whatIsNoArgon2idPhcStringVerifiesNothing() {
        String stored = hasher.hash("correct horse battery");

        assertThat(hasher.verify("correct horse battery", "correct horse battery")).isFalse();
        assertThat(hasher.verify("correct horse battery", stored.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.verify("correct horse battery", stored.replace("v=19", "v=16"))).isFalse();
        assertThat(hasher.verify("correct horse battery", stored.substring(0, stored.length() - 1) + "!")).isFalse();
        // a salt of 21 base64 characters is no whole number of bytes
        assertThat(hasher.verify("correct horse battery", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2Fsd$"
                + "iPOQ5f2O21FsjnBvo1AiFcDuSXciCnKUrXFO+yfgNoM")).isFalse();
        assertThat(hasher.needsRehash("not a hash")).isTrue();
    }
}
