package pai.platform.error;

/**
 * A refusal the API explains to its caller: an HTTP status, a machine-readable {@code code}
 * (UPPER_SNAKE, as listed in docs/contract.md) and, for bad input, the offending field.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String detail) {
        this(status, code, null, detail);
    }

    public ApiException(int status, String code, String field, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Which rule refused, where the code alone does not say; null for most refusals. */
    public String reason() {
        return null;
    }
}
