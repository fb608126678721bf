package pai.chat.service.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.chat.config.ChatConfig;
import pai.chat.domain.Account;
import pai.chat.service.ChatRefusals;
import pai.chat.service.FixedWindowLimiter;
import pai.chat.service.media.MediaService;
import pai.platform.error.RateLimitedException;

/**
 * Accounts and their sessions (docs/contract.md, accounts). A session is an access token of minutes and
 * a refresh token of days that rotates on each use. Passwords are hashed outside any transaction (tens of
 * milliseconds each, holding no database connection); each write is one short transaction.
 */
@ApplicationScoped
public class AccountService {
    private final PasswordHasher hasher;
    private final SignInLimiter limiter;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer tokens;
    private final MediaService media;
    private final FixedWindowLimiter windows;
    private final FixedWindowLimiter.Limit signUpLimit;
    private final MeterRegistry registry;

    public AccountService(PasswordHasher hasher, SignInLimiter limiter, RefreshTokens refreshTokens, TokenIssuer tokens,
            MediaService media, FixedWindowLimiter windows, ChatConfig config, MeterRegistry registry) {
        this.hasher = hasher;
        this.limiter = limiter;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.media = media;
        this.windows = windows;
        this.signUpLimit = new FixedWindowLimiter.Limit("pai:chat:signups:address", config.auth().signUpsPerAddress(),
                config.auth().signUpWindow(), "SIGNUPS_FROM_ADDRESS");
        this.registry = registry;
    }

    /** A signed-in account: its tokens, and for how long the access token works. */
    public record Session(Account account, String accessToken, String refreshToken, Duration expiresIn) {
        /** Never the tokens: records print every component. */
        @Override
        public String toString() {
            return "Session[" + account.id + "]";
        }
    }

    /** A new account, signed in; counted against its client address before the password is hashed. */
    public Session signUp(SignUp request, String address) {
        try {
            windows.acquire(signUpLimit, address, "too many sign-ups from this address; try again later");
        } catch (RateLimitedException limited) {
            registry.counter("pai.chat.auth.signups", "outcome", "rate_limited").increment();
            throw limited;
        }
        if (Account.findByName(request.name()).isPresent()) {
            throw nameTaken(request.name());
        }
        Account account = new Account();
        account.id = UUID.randomUUID().toString();
        account.name = request.name();
        account.nameKey = Account.keyOf(request.name());
        account.displayName = request.displayName() == null ? request.name() : request.displayName().strip();
        account.passwordHash = hasher.hash(request.password());
        account.createdAt = Instant.now();
        // Of two sign-ups of one name at once, the second inserts nothing and learns it here.
        Optional<Session> session = QuarkusTransaction.requiringNew().call(() -> account.insertUnlessNameTaken()
                ? Optional.of(open(account, account.createdAt)) : Optional.empty());
        if (session.isEmpty()) {
            throw nameTaken(request.name());
        }
        registry.counter("pai.chat.auth.signups", "outcome", "ok").increment();
        return session.get();
    }

    /**
     * Signs in by name and password from a client address. Locked names and addresses are refused before
     * the password is looked at; an unknown name costs the same hash as a wrong password, and both get the
     * same answer.
     */
    public Session signIn(String name, String password, String address) {
        String nameKey = Account.keyOf(name);
        Optional<SignInLimiter.Locked> locked = limiter.attempt(nameKey, address);
        if (locked.isPresent()) {
            registry.counter("pai.chat.auth.signins", "outcome", "rate_limited").increment();
            throw new RateLimitedException(locked.get().retryAfterSeconds(), "too many failed sign-ins "
                    + (locked.get().reason().equals(SignInLimiter.NAME_LOCKED) ? "of this name" : "from this address")
                    + "; try again later", locked.get().reason());
        }
        Optional<Account> account = Account.findByName(name);
        boolean right;
        if (account.isPresent()) {
            right = hasher.verify(password, account.get().passwordHash);
        } else {
            hasher.verifyNothing(password);
            right = false;
        }
        if (!right) {
            registry.counter("pai.chat.auth.signins", "outcome", "bad_credentials").increment();
            throw new ChatRefusals.BadCredentials();
        }
        limiter.succeeded(nameKey, address);
        registry.counter("pai.chat.auth.signins", "outcome", "ok").increment();
        Account signedIn = account.get();
        String rehash = hasher.needsRehash(signedIn.passwordHash) ? hasher.hash(password) : null;
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (rehash != null) {
                Account.update("passwordHash = ?1 where id = ?2", rehash, signedIn.id);
            }
            return open(signedIn, now);
        });
    }

    /**
     * A new pair for a refresh token, which is spent by it. The account is read anew, so a change of its
     * roles (made an operator) is in the new access token.
     */
    public Session refresh(String refreshToken) {
        Instant now = Instant.now();
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken, now);
        registry.counter("pai.chat.auth.refreshes", "outcome", switch (rotation.outcome()) {
            case ROTATED -> "ok";
            case REUSED -> "reused";
            case INVALID -> "invalid";
        }).increment();
        if (rotation.outcome() != RefreshTokens.Outcome.ROTATED) {
            throw new ChatRefusals.RefreshTokenInvalid();
        }
        Account account = Account.<Account>findByIdOptional(rotation.accountId()).orElseThrow();
        return new Session(account, tokens.accessToken(account, now), rotation.next(), tokens.ttl());
    }

    /** Ends the session of the refresh token; an unknown one ends nothing, and is no error. */
    public void signOut(String refreshToken) {
        refreshTokens.revoke(refreshToken, Instant.now());
    }

    public Account me(String userId) {
        return Account.<Account>findByIdOptional(userId).orElseThrow(() -> new ChatRefusals.AccountNotFound(userId));
    }

    @Transactional
    public Account update(String userId, ProfileChange change) {
        Account account = me(userId);
        if (change.avatarMediaId() != null) {
            media.requireOwnUpload(userId, change.avatarMediaId(), "avatarMediaId");
            account.avatarMediaId = change.avatarMediaId();
        }
        if (change.displayName() != null) {
            account.displayName = change.displayName().strip();
        }
        return account;
    }

    /** A new refresh-token family for the account, and an access token; in the caller's transaction. */
    private Session open(Account account, Instant now) {
        String refreshToken = refreshTokens.issue(account.id, UUID.randomUUID().toString(), now);
        return new Session(account, tokens.accessToken(account, now), refreshToken, tokens.ttl());
    }

    private ChatRefusals.NameTaken nameTaken(String name) {
        registry.counter("pai.chat.auth.signups", "outcome", "name_taken").increment();
        return new ChatRefusals.NameTaken(name);
    }
}
