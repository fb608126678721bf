package pai.platform.testing;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Users of a test: names unique to the run, and requests made as one of them. */
public final class TestUsers {
    private TestUsers() {
    }

    /** {@code name} with a random suffix, so that tests sharing a database never meet each other's users. */
    public static String newUser(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON request carrying {@code userId}'s bearer token. */
    public static RequestSpecification as(String userId) {
        return given().header("Authorization", TestTokens.bearer(userId)).contentType(ContentType.JSON);
    }

    /** A JSON request carrying an operator's bearer token. */
    public static RequestSpecification asOperator(String operatorId) {
        return given().header("Authorization", TestTokens.operatorBearer(operatorId)).contentType(ContentType.JSON);
    }
}
