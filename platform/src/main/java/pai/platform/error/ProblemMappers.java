package pai.platform.error;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import pai.platform.json.StrictJsonCustomizer;

/** Turns every failure of a request into RFC 9457 problem+json with a {@code code}; nothing leaks as a bare 500. */
public class ProblemMappers {
    public static final String INVALID_JSON = "INVALID_JSON";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.ofField(e.status(), e.code(), e.field(), e.getMessage()).withReason(e.reason()));
        if (e instanceof RateLimitedException limited) {
            response.header("Retry-After", limited.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return problem(Problem.ofFields(InvalidFieldException.CODE, errors));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return jsonMapping(e);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        String field = pathOf(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException) {
            detail = "unknown field";
        } else if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            detail = "must be one of " + java.util.Arrays.toString(format.getTargetType().getEnumConstants());
        } else if (e.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
            detail = "number out of range";
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            detail = "expected " + describe(mismatch.getTargetType());
        } else {
            detail = "invalid value";
        }
        if (field.isEmpty()) {
            return problem(Problem.of(400, INVALID_JSON, "request body: " + detail));
        }
        return problem(Problem.ofField(400, INVALID_JSON, field, field + ": " + detail));
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return problem(Problem.of(400, MALFORMED_JSON, "request body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(Problem.of(403, "FORBIDDEN", "this needs a role you do not have"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST reports unparsable bodies as a bare 400 around Jackson's exception.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return jsonMapping(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException parse) {
            return jsonProcessing(parse);
        }
        // A refusal raised where JAX-RS only lets a WebApplicationException through (a parameter converter).
        if (e.getCause() instanceof ApiException refusal) {
            return apiException(refusal);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return problem(Problem.of(status, code, e.getMessage()));
    }

    /** Throwable, not Exception: the Redis client fails a call with a bare Throwable, which would else reach Quarkus's own 500. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (TransientFailures.passes(e)) {
            // PostgreSQL or Redis is restarting or out of reach: nothing was acknowledged, so the caller may try again.
            LOG.warnf("a store did not answer: %s", e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", 1)
                    .entity(Problem.of(503, UNAVAILABLE, "a store this call needs does not answer right now; try again")).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s", errorId);
        return problem(Problem.of(500, "INTERNAL_ERROR", "unexpected failure, reference " + errorId));
    }

    private static Response unauthenticated() {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "UNAUTHORIZED", "a valid bearer token is required"))
                .build();
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The JSON path of the failing value, e.g. {@code items[2].amountCents}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The bean property a violation names, e.g. {@code items[0].amountCents}; a parameter's name when it is the value itself. */
    static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY -> {
                    if (!property.isEmpty()) {
                        property.append('.');
                    }
                    property.append(node.getName());
                    if (node.getIndex() != null) {
                        property.append('[').append(node.getIndex()).append(']');
                    }
                }
                default -> {
                }
            }
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return parameter != null ? parameter : violation.getPropertyPath().toString();
    }

    private static String describe(Class<?> type) {
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.Instant.class) {
            return StrictJsonCustomizer.INSTANT_FORMAT;
        }
        return type.getSimpleName();
    }
}
