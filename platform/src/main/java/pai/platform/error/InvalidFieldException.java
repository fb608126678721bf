package pai.platform.error;

/** Input that parses but breaks a rule: a 400 naming the field. */
public class InvalidFieldException extends ApiException {
    public static final String CODE = "INVALID_FIELD";

    public InvalidFieldException(String field, String detail) {
        super(400, CODE, field, field + ": " + detail);
    }
}
