package pai.platform.error;

/**
 * How the resources' {@code @APIResponse}s describe the refusals every service answers alike; each
 * description starts with its codes (docs/contract.md, error codes).
 */
public final class CommonRefusals {
    /** A body that is no JSON, does not fit its record, or breaks a rule; also a bad query parameter. */
    public static final String INVALID_INPUT = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: the body or a parameter"
            + " is not what it should be; field names it";
    /** A query parameter (a cursor, a limit) that does not parse or is out of range. */
    public static final String INVALID_PARAMETER = "INVALID_FIELD: a parameter does not parse or is out of range;"
            + " field names it";
    /** The caller is not in the pai (chat-service's own members, or the copy the others keep of them). */
    public static final String NOT_A_MEMBER = "NOT_A_MEMBER: the caller is not a member of the pai";

    private CommonRefusals() {
    }
}
