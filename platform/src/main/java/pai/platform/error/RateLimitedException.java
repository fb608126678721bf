package pai.platform.error;

/** Too many requests: a 429 whose {@code Retry-After} says when to come back. */
public class RateLimitedException extends ApiException {
    public static final String CODE = "RATE_LIMITED";
    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds, String detail) {
        super(429, CODE, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
