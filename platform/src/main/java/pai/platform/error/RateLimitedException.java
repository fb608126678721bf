package pai.platform.error;

/** Too many requests: a 429 whose {@code Retry-After} says when to come back. */
public class RateLimitedException extends ApiException {
    public static final String CODE = "RATE_LIMITED";
    private final long retryAfterSeconds;
    private final String reason;

    public RateLimitedException(long retryAfterSeconds, String detail) {
        this(retryAfterSeconds, detail, null);
    }

    /** A limit among several guarding one call, named by {@code reason}. */
    public RateLimitedException(long retryAfterSeconds, String detail, String reason) {
        super(429, CODE, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.reason = reason;
    }

    @Override
    public String reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
