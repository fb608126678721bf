package pai.platform.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** The caller of the current request, from the verified JWT: {@code sub} is the user id. */
@RequestScoped
public class CurrentUser {
    public static final String USER = "user";
    public static final String OPERATOR = "operator";
    /** Another Pai service acting for itself (agent-service storing an image it made), never a person. */
    public static final String SERVICE = "service";

    private final JsonWebToken jwt;

    public CurrentUser(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String id() {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException();
        }
        return subject;
    }

    /** The caller's own credentials, for a call made on their behalf to another service. */
    public String bearer() {
        return "Bearer " + jwt.getRawToken();
    }

    public boolean isService() {
        return jwt.getGroups() != null && jwt.getGroups().contains(SERVICE);
    }
}
