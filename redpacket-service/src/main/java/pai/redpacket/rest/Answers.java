package pai.redpacket.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import pai.platform.error.InvalidFieldException;
import pai.redpacket.service.IdempotentRequests;

/** Turns a stored or fresh idempotent answer into a response, and checks the Idempotency-Key header. */
final class Answers {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** How the OpenAPI documents say what {@link #of} answers to a retry. */
    static final String REPLAYED = " (a retry with the same Idempotency-Key answers the first one again, with"
            + " Idempotent-Replayed: true)";

    private Answers() {
    }

    static String checkedKey(String key) {
        if (key != null && (key.isBlank() || key.length() > 100)) {
            throw new InvalidFieldException(IDEMPOTENCY_KEY, "must be 1..100 characters");
        }
        return key;
    }

    static Response of(IdempotentRequests.Answer answer) {
        return Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", answer.replayed())
                .entity(answer.body())
                .build();
    }
}
