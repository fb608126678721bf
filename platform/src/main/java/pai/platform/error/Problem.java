package pai.platform.error;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail with Pai's {@code code} and, for bad input, the field at fault; {@code reason}
 * says which rule refused a call when one code covers several (which velocity guard answered RATE_LIMITED).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = Problem.SCHEMA, description = "RFC 9457 problem details; code says which refusal (docs/contract.md,"
        + " error codes)")
public record Problem(String type, String title, int status, String detail, String code, String field,
        List<FieldError> errors, String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** The name of this record's schema in the OpenAPI documents. */
    public static final String SCHEMA = "Problem";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String code, String detail) {
        return new Problem("about:blank", title(status), status, detail, code, null, null, null);
    }

    public static Problem ofField(int status, String code, String field, String detail) {
        return new Problem("about:blank", title(status), status, detail, code, field, null, null);
    }

    public static Problem ofFields(String code, List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
        String first = errors.isEmpty() ? null : errors.get(0).field();
        return new Problem("about:blank", title(400), 400, detail, code, first, errors, null);
    }

    public Problem withReason(String reason) {
        return new Problem(type, title, status, detail, code, field, errors, reason);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
