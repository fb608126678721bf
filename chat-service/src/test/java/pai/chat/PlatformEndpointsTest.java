package pai.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static pai.chat.ChatApi.createPai;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.platform.testing.ServiceContractTest;
import pai.platform.testing.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PlatformEndpointsTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "chat-service";
    }

    @Override
    protected String documentedPath() {
        return "/api/chat/pais/{paiId}/messages";
    }

    @Test
    void messagesAreCountedByKind() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        as(alice).body("{\"clientMsgId\":\"m\",\"kind\":\"TEXT\",\"text\":\"hi\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_chat_messages_total{kind=\"TEXT\",sender=\"USER\"}"));
    }

    @Test
    void missingOrBadTokensAre401ProblemJson() {
        given().get("/api/chat/pais").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer not.a.token").get("/api/chat/pais").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
    }
}
