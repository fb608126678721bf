package pai.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {
    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aCallThatMetPostgresShuttingDownAnswers503UnavailableWithRetryAfter() {
        Response answer = mappers.unexpected(new GenericJDBCException("JDBC exception executing SQL",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(((Problem) answer.getEntity()).code()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void theRedisClientsBareThrowableForAClosedConnectionIsA503Too() {
        assertThat(mappers.unexpected(new Throwable("Connection is closed")).getStatus()).isEqualTo(503);
    }

    @Test
    void anyOtherUnexpectedFailureIsA500WithAReferenceAndNoInnards() {
        Response answer = mappers.unexpected(new IllegalStateException("select * from secret"));
        assertThat(answer.getStatus()).isEqualTo(500);
        Problem problem = (Problem) answer.getEntity();
        assertThat(problem.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(problem.detail()).startsWith("unexpected failure, reference ").doesNotContain("select");
    }
}
