package pai.chat.service.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import pai.chat.config.ChatConfig;
import pai.chat.service.ChatRefusals;

/**
 * Argon2id password hashes in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
 * (salt and hash in unpadded base64), which the reference implementation and other libraries read too.
 * A stored hash carries its own cost, so raising the configured cost keeps old hashes working
 * ({@link #needsRehash} says which to make anew). Passwords are NFC-normalised first, so that one typed
 * with composed or decomposed accents is the same password.
 *
 * <p>Each hash holds {@code m} KiB of heap while it runs; a semaphore lets only a few run at once, so a
 * burst of sign-ins waits its turn (or gets 503 BUSY) instead of running the service out of memory.
 */
@ApplicationScoped
public class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final Cost cost;
    private final Semaphore turns;
    private final Duration queueTimeout;

    /** Argon2id's memory in KiB, passes over it, and lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
    }

    @Inject
    PasswordHasher(ChatConfig config) {
        this(new Cost(config.auth().argon2().memoryKib(), config.auth().argon2().iterations(),
                config.auth().argon2().parallelism()), config.auth().argon2().concurrentHashes(),
                config.auth().argon2().queueTimeout());
    }

    PasswordHasher(Cost cost, int concurrentHashes, Duration queueTimeout) {
        this.cost = cost;
        this.turns = new Semaphore(concurrentHashes, true);
        this.queueTimeout = queueTimeout;
    }

    /** A new hash of the password with a fresh salt and the configured cost. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password is the one hashed; false also for a stored value that is no Argon2id PHC string. */
    public boolean verify(String password, String stored) {
        Optional<Stored> parsed = Stored.parse(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        byte[] expected = parsed.get().hash();
        return MessageDigest.isEqual(expected, argon2(password, parsed.get().salt(), parsed.get().cost(), expected.length));
    }

    /**
     * Does the work of a verify for a name that has no account, so that a wrong name takes as long as a
     * wrong password and the time of the answer does not tell which names exist.
     */
    public void verifyNothing(String password) {
        hash(password);
    }

    /** Whether the stored hash was made with another cost than the configured one (or is none of ours). */
    public boolean needsRehash(String stored) {
        return Stored.parse(stored).map(parsed -> !parsed.cost().equals(cost)).orElse(true);
    }

    /** A PHC string taken apart. */
    private record Stored(Cost cost, byte[] salt, byte[] hash) {
        static Optional<Stored> parse(String phc) {
            Matcher parts = PHC.matcher(phc);
            if (!parts.matches()) {
                return Optional.empty();
            }
            Cost cost = new Cost(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
                    Integer.parseInt(parts.group(3)));
            try {
                return Optional.of(new Stored(cost, B64_DECODER.decode(parts.group(4)), B64_DECODER.decode(parts.group(5))));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
    }

    private byte[] argon2(String password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        awaitTurn();
        byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
            turns.release();
        }
    }

    private void awaitTurn() {
        try {
            if (!turns.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ChatRefusals.Busy("too many sign-ins at once; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatRefusals.Busy("interrupted while waiting to check the password");
        }
    }
}
