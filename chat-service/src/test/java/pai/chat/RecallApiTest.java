package pai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static pai.chat.ChatApi.createPai;
import static pai.chat.ChatApi.paiWith;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.Topics;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MessageKind;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class RecallApiTest {
    @Inject
    EntityManager entityManager;

    @Test
    void theSenderRecallsAMessageForEveryoneAndTheRecallIsPublished() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);
        String id = post(alice, paiId, "m1", "oops @bob wrong pai");
        post(alice, paiId, "m2", "after");

        try (TopicWatcher messages = TopicWatcher.watch(Topics.CHAT_MESSAGES)) {
            as(alice).post(recallPath(paiId, 1)).then().statusCode(200)
                    .body("id", equalTo(id)).body("seq", equalTo(1))
                    .body("kind", equalTo("RECALLED")).body("text", nullValue()).body("mentions", equalTo(List.of()));

            var event = messages.await(e -> e.id().equals(id + ":recalled"), Duration.ofSeconds(20));
            var recalled = (ChatMessagePosted) event.data();
            assertThat(recalled.messageId()).isEqualTo(id);
            assertThat(recalled.seq()).isEqualTo(1);
            assertThat(recalled.kind()).isEqualTo(MessageKind.RECALLED);
            assertThat(recalled.text()).isNull();
            assertThat(event.key()).isEqualTo(paiId);
        }
        as(bob).get("/api/chat/pais/" + paiId + "/messages").then().statusCode(200)
                .body("items.seq", equalTo(List.of(2, 1)))
                .body("items.kind", equalTo(List.of("TEXT", "RECALLED")))
                .body("items[1].text", nullValue());
        Object[] row = (Object[]) entityManager
                .createNativeQuery("select text, recalled_by, kind from message where id = ?1").setParameter(1, id)
                .getSingleResult();
        assertThat(row[0]).isNull();
        assertThat(row[1]).isEqualTo(alice);
        assertThat(row[2]).isEqualTo("RECALLED");

        as(alice).post(recallPath(paiId, 1)).then().statusCode(200).body("kind", equalTo("RECALLED"));
    }

    @Test
    void afterTwoMinutesOnlyAnAdminMayRecallAndOtherMembersNever() {
        String owner = newUser("owner");
        String bob = newUser("bob");
        String carol = newUser("carol");
        String paiId = paiWith(owner, bob, carol);
        String id = post(bob, paiId, "b1", "old news");

        as(carol).post(recallPath(paiId, 1)).then().statusCode(403).body("code", equalTo("INSUFFICIENT_ROLE"));
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update message set created_at = created_at - interval '3 minutes' where id = ?1")
                .setParameter(1, id).executeUpdate());

        as(bob).post(recallPath(paiId, 1)).then().statusCode(409).body("code", equalTo("RECALL_WINDOW_PASSED"));
        as(owner).post(recallPath(paiId, 1)).then().statusCode(200).body("kind", equalTo("RECALLED"));
    }

    @Test
    void recallingIsForMembersAndExistingSeqsOnly() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        post(alice, paiId, "a1", "hi");

        as(newUser("stranger")).post(recallPath(paiId, 1)).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(alice).post(recallPath(paiId, 9)).then().statusCode(404).body("code", equalTo("MESSAGE_NOT_FOUND"));
        as(alice).post("/api/chat/pais/" + paiId + "/messages/x/recall").then().statusCode(404);
        as(alice).post(recallPath(paiId, 0)).then().statusCode(400).body("field", equalTo("seq"));
        as(alice).get("/api/chat/pais/" + paiId + "/messages").then().statusCode(200).body("items[0].kind", equalTo("TEXT"));
    }

    private static String post(String userId, String paiId, String clientMsgId, String text) {
        return as(userId).body("{\"clientMsgId\":\"" + clientMsgId + "\",\"kind\":\"TEXT\",\"text\":\"" + text + "\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201).extract().path("id");
    }

    private static String recallPath(String paiId, long seq) {
        return "/api/chat/pais/" + paiId + "/messages/" + seq + "/recall";
    }
}
