package pai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static pai.chat.ChatApi.createPai;
import static pai.chat.ChatApi.inviteCodeOf;
import static pai.chat.ChatApi.join;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.Topics;
import pai.events.chat.MemberRole;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PaiApiTest {
    @Inject
    EntityManager entityManager;

    @Test
    void creatingAPaiMakesTheCallerItsOwnerAndPublishesTheMembership() {
        String alice = newUser("alice");
        try (TopicWatcher members = TopicWatcher.watch(Topics.CHAT_MEMBERS)) {
            String paiId = as(alice).body("{\"name\":\"  跑步群 \",\"description\":\"每天五公里\"}")
                    .post("/api/chat/pais")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/chat/pais/"))
                    .body("name", equalTo("跑步群"))
                    .body("ownerId", equalTo(alice))
                    .body("inviteCode", matchesPattern("[A-Z2-9]{8}"))
                    .extract().path("id");

            as(alice).get("/api/chat/pais/" + paiId + "/members")
                    .then().statusCode(200)
                    .body("items.userId", equalTo(List.of(alice)))
                    .body("items[0].role", equalTo("OWNER"))
                    .body("hasMore", equalTo(false));

            var event = members.await(e -> e.key().equals(paiId + ":" + alice), Duration.ofSeconds(20));
            var changed = (MembershipChanged) event.data();
            assertThat(changed.change()).isEqualTo(MembershipChange.CREATED);
            assertThat(changed.role()).isEqualTo(MemberRole.OWNER);
            assertThat(event.source()).isEqualTo("chat-service");
        }
    }

    @Test
    void joiningByInviteCodeAddsAMemberOnceEvenWhenRepeated() {
        String owner = newUser("owner");
        String bob = newUser("bob");
        String paiId = createPai(owner);
        String code = inviteCodeOf(owner, paiId);

        as(bob).body("{\"inviteCode\":\"" + code.toLowerCase() + "\"}").post("/api/chat/pais/join")
                .then().statusCode(200).body("paiId", equalTo(paiId)).body("role", equalTo("MEMBER"));
        join(bob, code);

        as(bob).get("/api/chat/pais").then().statusCode(200).body("items.id", hasItem(paiId));
        Number rows = (Number) entityManager
                .createNativeQuery("select count(*) from membership where pai_id = ?1 and user_id = ?2")
                .setParameter(1, paiId).setParameter(2, bob).getSingleResult();
        assertThat(rows.intValue()).isEqualTo(1);
    }

    @Test
    void anUnknownInviteCodeIs404WithItsCode() {
        as(newUser("carol")).body("{\"inviteCode\":\"NOPE2345\"}").post("/api/chat/pais/join")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("INVITE_NOT_FOUND"));
    }

    @Test
    void nonMembersCannotReadAPai() {
        String paiId = createPai(newUser("owner"));
        as(newUser("stranger")).get("/api/chat/pais/" + paiId)
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(newUser("stranger")).get("/api/chat/pais/" + paiId + "/members")
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        String dave = newUser("dave");
        as(dave).body("{\"description\":\"no name\"}").post("/api/chat/pais")
                .then().statusCode(400).body("field", equalTo("name")).body("code", equalTo("INVALID_FIELD"));
        as(dave).body("{\"name\":12}").post("/api/chat/pais")
                .then().statusCode(400).body("field", equalTo("name")).body("code", equalTo("INVALID_JSON"));
        as(dave).body("{\"name\":\"x\",\"colour\":\"red\"}").post("/api/chat/pais")
                .then().statusCode(400).body("field", equalTo("colour"));
        as(dave).body("{\"name\":").post("/api/chat/pais")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        as(dave).body("{\"name\":\"" + "长".repeat(101) + "\"}").post("/api/chat/pais")
                .then().statusCode(400).body("field", equalTo("name"));

        as(dave).get("/api/chat/pais").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void myPaisArePagedNewestJoinedFirst() {
        String erin = newUser("erin");
        String first = createPai(erin);
        String second = createPai(erin);
        String third = createPai(erin);

        as(erin).get("/api/chat/pais?limit=2").then().statusCode(200)
                .body("items.id", equalTo(List.of(third, second))).body("hasMore", equalTo(true));
        as(erin).get("/api/chat/pais?limit=2&afterPaiId=" + second).then().statusCode(200)
                .body("items.id", equalTo(List.of(first))).body("hasMore", equalTo(false));
        as(erin).get("/api/chat/pais?afterPaiId=not-mine").then().statusCode(400).body("field", equalTo("afterPaiId"));
        as(erin).get("/api/chat/pais?limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }
}
