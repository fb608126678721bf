package pai.agent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static pai.platform.testing.TestUsers.as;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MemberRole;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.PaiMembers;
import pai.platform.testing.TestEnvironment;

/** The summary, remix and settings endpoints: what they answer, and bad input refused naming the field. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class AgentApiBadInputTest {

    @Test
    void aMemberGetsTheSummaryOfThePaisTalkWithWhoSaidEachKeyPoint() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice", MemberRole.OWNER);
        List<String> talk = List.of("周六早上八点在北宫门集合，一起去爬香山", "好的，我带水和面包", "哈哈哈",
                "山上风大，大家记得带外套", "爬完山中午在山下吃烤鸭");
        for (int i = 0; i < talk.size(); i++) {
            EventPublisher.publish(EventEnvelope.of("chat-service", new ChatMessagePosted(UUID.randomUUID().toString(),
                    paiId, i + 1, i % 2 == 0 ? alice : "bob", SenderKind.USER, MessageKind.TEXT, talk.get(i), null,
                    List.of(), null, null, null, null, Instant.now())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> as(alice).body("{}").post(summary(paiId))
                .then().extract().<Integer>path("toSeq") == talk.size());

        as(alice).body("{\"lastN\":3}").post(summary(paiId)).then().statusCode(200)
                .body("fromSeq", equalTo(3)).body("toSeq", equalTo(5));
        as(alice).body("{\"sinceSeq\":1}").post(summary(paiId)).then().statusCode(200)
                .body("fromSeq", equalTo(2))
                .body("keyPoints.every { it.seq >= 2 && it.seq <= 5 }", equalTo(true))
                .body("keyPoints.find { it.text == '哈哈哈' }", equalTo(null))
                .body("summary", startsWith("#2"));
    }

    @Test
    void summaryInputIsCheckedAndOnlyForMembers() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice", MemberRole.MEMBER);
        as(alice).body("{\"lastN\":0}").post(summary(paiId)).then().statusCode(400).body("field", equalTo("lastN"));
        as(alice).body("{\"lastN\":1001}").post(summary(paiId)).then().statusCode(400).body("field", equalTo("lastN"));
        as(alice).body("{\"lastN\":\"ten\"}").post(summary(paiId)).then().statusCode(400).body("field", equalTo("lastN"));
        as(alice).body("{\"sinceSeq\":-1}").post(summary(paiId)).then().statusCode(400).body("field", equalTo("sinceSeq"));
        as(alice).body("{\"lastN\":5,\"sinceSeq\":2}").post(summary(paiId)).then().statusCode(400)
                .body("field", equalTo("sinceSeq"));
        as(alice).body("{\"since\":2}").post(summary(paiId)).then().statusCode(400).body("field", equalTo("since"));
        as("stranger").body("{}").post(summary(paiId)).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        given().contentType(ContentType.JSON).body("{}").post(summary(paiId)).then().statusCode(401);
    }

    @Test
    void remixInputIsRefusedNamingTheFieldBeforeAnyImageIsFetched() {
        String user = "remixer-user-" + UUID.randomUUID();
        as(user).body("{\"style\":\"CARTOON\"}").post("/api/agents/remix").then().statusCode(400)
                .body("field", equalTo("mediaId"));
        as(user).body("{\"mediaId\":\"m1\"}").post("/api/agents/remix").then().statusCode(400).body("field", equalTo("style"));
        as(user).body("{\"mediaId\":\"m1\",\"style\":\"OIL\"}").post("/api/agents/remix").then().statusCode(400)
                .body("field", equalTo("style"));
        as(user).body("{\"mediaId\":\"m1\",\"style\":\"MEME\"}").post("/api/agents/remix").then().statusCode(400)
                .body("field", equalTo("caption"));
        as(user).body("{\"mediaId\":\"m1\",\"style\":\"MEME\",\"caption\":\"" + "长".repeat(101) + "\"}")
                .post("/api/agents/remix").then().statusCode(400).body("field", equalTo("caption"));
        as(user).body("{\"mediaId\":\"" + "m".repeat(65) + "\",\"style\":\"PIXEL\"}").post("/api/agents/remix").then()
                .statusCode(400).body("field", equalTo("mediaId"));
        given().contentType(ContentType.JSON).body("{\"mediaId\":\"m1\",\"style\":\"PIXEL\"}").post("/api/agents/remix")
                .then().statusCode(401);
    }

    @Test
    void agentSettingsTheAgentsReadAreChecked() {
        String paiId = UUID.randomUUID().toString();
        String owner = member(paiId, "owner", MemberRole.OWNER);
        String path = "/api/agents/pais/" + paiId + "/agents/";
        as(owner).body("{\"enabled\":true,\"settings\":{\"threshold\":1.5}}").put(path + "planner").then().statusCode(400)
                .body("field", equalTo("settings.threshold"));
        as(owner).body("{\"enabled\":true,\"settings\":{\"threshold\":\"high\"}}").put(path + "planner").then()
                .statusCode(400).body("field", equalTo("settings.threshold"));
        as(owner).body("{\"enabled\":true,\"settings\":{\"digestAt\":\"25:00\"}}").put(path + "summarizer").then()
                .statusCode(400).body("field", equalTo("settings.digestAt"));
        as(owner).body("{\"enabled\":true,\"settings\":{\"timezone\":\"Mars/Olympus\"}}").put(path + "summarizer").then()
                .statusCode(400).body("field", equalTo("settings.timezone"));
        as(owner).body("{\"enabled\":true,\"settings\":{\"threshold\":0.8,\"digestAt\":\"21:30\",\"timezone\":\"Europe/Berlin\"}}")
                .put(path + "summarizer").then().statusCode(200).body("settings.threshold", equalTo(0.8f));
        as(owner).get("/api/agents/pais/" + paiId + "/agents").then().statusCode(200)
                .body("items.find { it.agentId == 'planner' }.enabled", equalTo(false));
    }

    private static String member(String paiId, String name, MemberRole role) {
        String userId = name + "-" + paiId.substring(0, 8);
        PaiMembers.announce(paiId, role, userId);
        return userId;
    }

    private static String summary(String paiId) {
        return "/api/agents/pais/" + paiId + "/summary";
    }

}
