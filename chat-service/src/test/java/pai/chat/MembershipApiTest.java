package pai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static pai.chat.ChatApi.createPai;
import static pai.chat.ChatApi.inviteCodeOf;
import static pai.chat.ChatApi.join;
import static pai.chat.ChatApi.paiWith;
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
class MembershipApiTest {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);

    @Inject
    EntityManager entityManager;

    @Test
    void theOwnerMakesAMemberAnAdminAndTheChangeIsPublished() {
        String owner = newUser("owner");
        String bob = newUser("bob");
        String paiId = paiWith(owner, bob);

        try (TopicWatcher members = TopicWatcher.watch(Topics.CHAT_MEMBERS)) {
            as(owner).body("{\"role\":\"ADMIN\"}").put(rolePath(paiId, bob))
                    .then().statusCode(200).body("userId", equalTo(bob)).body("role", equalTo("ADMIN"));

            var changed = awaitChange(members, paiId, bob, MembershipChange.ROLE_CHANGED);
            assertThat(changed.role()).isEqualTo(MemberRole.ADMIN);
            assertThat(changed.actorId()).isEqualTo(owner);
        }
        assertThat(roleOf(paiId, bob)).isEqualTo("ADMIN");
    }

    @Test
    void onlyTheOwnerSetsRolesAndNeverTheOwnerRoleItself() {
        String owner = newUser("owner");
        String admin = newUser("admin");
        String bob = newUser("bob");
        String paiId = paiWith(owner, admin, bob);
        makeAdmin(owner, paiId, admin);

        as(admin).body("{\"role\":\"ADMIN\"}").put(rolePath(paiId, bob))
                .then().statusCode(403).body("code", equalTo("INSUFFICIENT_ROLE"));
        as(owner).body("{\"role\":\"OWNER\"}").put(rolePath(paiId, bob))
                .then().statusCode(400).body("field", equalTo("role"));
        as(owner).body("{\"role\":\"MEMBER\"}").put(rolePath(paiId, owner))
                .then().statusCode(409).body("code", equalTo("OWNER_ROLE_FIXED"));
        as(owner).body("{\"role\":\"ADMIN\"}").put(rolePath(paiId, newUser("nobody")))
                .then().statusCode(404).body("code", equalTo("MEMBER_NOT_FOUND"));
        as(newUser("stranger")).body("{\"role\":\"ADMIN\"}").put(rolePath(paiId, bob))
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));

        assertThat(roleOf(paiId, bob)).isEqualTo("MEMBER");
        assertThat(roleOf(paiId, owner)).isEqualTo("OWNER");
    }

    @Test
    void anAdminRemovesAMemberWhoThenLosesAccessAndTheRemovalIsPublished() {
        String owner = newUser("owner");
        String admin = newUser("admin");
        String bob = newUser("bob");
        String paiId = paiWith(owner, admin, bob);
        makeAdmin(owner, paiId, admin);

        try (TopicWatcher members = TopicWatcher.watch(Topics.CHAT_MEMBERS)) {
            as(admin).delete(memberPath(paiId, bob)).then().statusCode(204);

            var removed = awaitChange(members, paiId, bob, MembershipChange.REMOVED);
            assertThat(removed.member()).isFalse();
            assertThat(removed.actorId()).isEqualTo(admin);
        }
        assertThat(roleOf(paiId, bob)).isNull();
        as(bob).get("/api/chat/pais/" + paiId + "/messages").then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(bob).body("{\"clientMsgId\":\"x\",\"kind\":\"TEXT\",\"text\":\"still here?\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(403);
        as(bob).get("/api/chat/pais").then().statusCode(200).body("items.id", not(hasItem(paiId)));
    }

    @Test
    void adminsCannotRemoveAdminsOrTheOwnerAndMembersRemoveNobody() {
        String owner = newUser("owner");
        String admin = newUser("admin");
        String admin2 = newUser("admin2");
        String bob = newUser("bob");
        String paiId = paiWith(owner, admin, admin2, bob);
        makeAdmin(owner, paiId, admin);
        makeAdmin(owner, paiId, admin2);

        as(admin).delete(memberPath(paiId, admin2)).then().statusCode(403).body("code", equalTo("INSUFFICIENT_ROLE"));
        as(admin).delete(memberPath(paiId, owner)).then().statusCode(403).body("code", equalTo("INSUFFICIENT_ROLE"));
        as(bob).delete(memberPath(paiId, admin)).then().statusCode(403).body("code", equalTo("INSUFFICIENT_ROLE"));
        as(owner).delete(memberPath(paiId, owner)).then().statusCode(400).body("field", equalTo("userId"));
        as(owner).delete(memberPath(paiId, newUser("nobody"))).then().statusCode(404).body("code", equalTo("MEMBER_NOT_FOUND"));
        as(newUser("stranger")).delete(memberPath(paiId, bob)).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));

        as(owner).delete(memberPath(paiId, admin2)).then().statusCode(204);
        assertThat(roleOf(paiId, admin2)).isNull();
        assertThat(roleOf(paiId, admin)).isEqualTo("ADMIN");
        assertThat(roleOf(paiId, bob)).isEqualTo("MEMBER");
    }

    @Test
    void aMemberWhoLeavesIsGoneAndMayRejoin() {
        String owner = newUser("owner");
        String bob = newUser("bob");
        String paiId = paiWith(owner, bob);

        try (TopicWatcher members = TopicWatcher.watch(Topics.CHAT_MEMBERS)) {
            as(bob).post("/api/chat/pais/" + paiId + "/leave").then().statusCode(204);
            assertThat(awaitChange(members, paiId, bob, MembershipChange.LEFT).actorId()).isEqualTo(bob);
        }
        assertThat(roleOf(paiId, bob)).isNull();
        as(bob).post("/api/chat/pais/" + paiId + "/leave").then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));

        join(bob, inviteCodeOf(owner, paiId));
        assertThat(roleOf(paiId, bob)).isEqualTo("MEMBER");
    }

    @Test
    void anOwnerWhoLeavesHandsThePaiToTheLongestStandingAdmin() {
        String owner = newUser("owner");
        String early = newUser("early");
        String admin = newUser("admin");
        String paiId = paiWith(owner, early, admin);
        makeAdmin(owner, paiId, admin);

        try (TopicWatcher members = TopicWatcher.watch(Topics.CHAT_MEMBERS)) {
            as(owner).post("/api/chat/pais/" + paiId + "/leave").then().statusCode(204);
            // The earlier promotion to ADMIN may still be on its way: wait for the one to OWNER.
            var promoted = (MembershipChanged) members.await(e -> e.key().equals(paiId + ":" + admin)
                    && ((MembershipChanged) e.data()).role() == MemberRole.OWNER, EVENT_WAIT).data();
            assertThat(promoted.change()).isEqualTo(MembershipChange.ROLE_CHANGED);
            assertThat(awaitChange(members, paiId, owner, MembershipChange.LEFT).role()).isEqualTo(MemberRole.OWNER);
        }
        as(admin).get("/api/chat/pais/" + paiId).then().statusCode(200).body("ownerId", equalTo(admin));
        assertThat(roleOf(paiId, admin)).isEqualTo("OWNER");
        assertThat(roleOf(paiId, early)).isEqualTo("MEMBER");
        assertThat(roleOf(paiId, owner)).isNull();
    }

    @Test
    void rotatingTheInviteRetiresTheOldCodeAndOnlyTheOwnerMayDoIt() {
        String owner = newUser("owner");
        String bob = newUser("bob");
        String paiId = createPai(owner);
        String oldCode = inviteCodeOf(owner, paiId);
        join(bob, oldCode);

        as(bob).post("/api/chat/pais/" + paiId + "/invite/rotate").then().statusCode(403).body("code", equalTo("INSUFFICIENT_ROLE"));
        String newCode = as(owner).post("/api/chat/pais/" + paiId + "/invite/rotate")
                .then().statusCode(200).body("paiId", equalTo(paiId)).extract().path("inviteCode");

        assertThat(newCode).isNotEqualTo(oldCode).matches("[A-Z2-9]{8}");
        as(newUser("late")).body("{\"inviteCode\":\"" + oldCode + "\"}").post("/api/chat/pais/join")
                .then().statusCode(404).body("code", equalTo("INVITE_NOT_FOUND"));
        join(newUser("late"), newCode);
    }

    @Test
    void theReadCursorMovesForwardOnlyAndDrivesUnreadCounts() {
        String owner = newUser("owner");
        String bob = newUser("bob");
        String paiId = paiWith(owner, bob);
        for (int i = 1; i <= 5; i++) {
            as(owner).body("{\"clientMsgId\":\"m" + i + "\",\"kind\":\"TEXT\",\"text\":\"n" + i + "\"}")
                    .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201);
        }
        as(bob).get("/api/chat/pais").then().statusCode(200).body("items.find { it.id == '" + paiId + "' }.unread", equalTo(5));
        as(owner).get("/api/chat/pais").then().statusCode(200).body("items.find { it.id == '" + paiId + "' }.unread", equalTo(0));

        as(bob).body("{\"seq\":3}").post("/api/chat/pais/" + paiId + "/read")
                .then().statusCode(200).body("readSeq", equalTo(3)).body("unread", equalTo(2)).body("lastSeq", equalTo(5));
        as(bob).body("{\"seq\":1}").post("/api/chat/pais/" + paiId + "/read")
                .then().statusCode(200).body("readSeq", equalTo(3)).body("unread", equalTo(2));
        as(bob).get("/api/chat/pais").then().statusCode(200).body("items.find { it.id == '" + paiId + "' }.unread", equalTo(2));

        as(bob).body("{\"seq\":6}").post("/api/chat/pais/" + paiId + "/read").then().statusCode(400).body("field", equalTo("seq"));
        as(bob).body("{\"seq\":-1}").post("/api/chat/pais/" + paiId + "/read").then().statusCode(400).body("field", equalTo("seq"));
        as(bob).body("{\"seq\":\"2\"}").post("/api/chat/pais/" + paiId + "/read").then().statusCode(400).body("field", equalTo("seq"));
        as(bob).body("{}").post("/api/chat/pais/" + paiId + "/read").then().statusCode(400).body("field", equalTo("seq"));
        as(newUser("stranger")).body("{\"seq\":1}").post("/api/chat/pais/" + paiId + "/read")
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        assertThat(readSeqOf(paiId, bob)).isEqualTo(3);
    }

    private static MembershipChanged awaitChange(TopicWatcher members, String paiId, String userId,
            MembershipChange change) {
        return (MembershipChanged) members.await(e -> e.key().equals(paiId + ":" + userId)
                && ((MembershipChanged) e.data()).change() == change, EVENT_WAIT).data();
    }

    private static void makeAdmin(String owner, String paiId, String userId) {
        as(owner).body("{\"role\":\"ADMIN\"}").put(rolePath(paiId, userId)).then().statusCode(200);
    }

    private static String rolePath(String paiId, String userId) {
        return memberPath(paiId, userId) + "/role";
    }

    private static String memberPath(String paiId, String userId) {
        return "/api/chat/pais/" + paiId + "/members/" + userId;
    }

    private String roleOf(String paiId, String userId) {
        List<?> rows = entityManager.createNativeQuery("select role from membership where pai_id = ?1 and user_id = ?2")
                .setParameter(1, paiId).setParameter(2, userId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    private long readSeqOf(String paiId, String userId) {
        return ((Number) entityManager.createNativeQuery("select read_seq from membership where pai_id = ?1 and user_id = ?2")
                .setParameter(1, paiId).setParameter(2, userId).getSingleResult()).longValue();
    }
}
