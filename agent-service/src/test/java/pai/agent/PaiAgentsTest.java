package pai.agent;

import static org.hamcrest.Matchers.equalTo;
import static pai.platform.testing.TestUsers.as;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.chat.MemberRole;
import pai.platform.testing.PaiMembers;
import pai.platform.testing.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PaiAgentsTest {

    @Test
    void ownersAndAdminsSwitchAgentsOnAndMembersSeeThem() {
        String paiId = UUID.randomUUID().toString();
        member(paiId, "owner-" + paiId, MemberRole.OWNER);
        member(paiId, "admin-" + paiId, MemberRole.ADMIN);
        member(paiId, "member-" + paiId, MemberRole.MEMBER);
        String path = "/api/agents/pais/" + paiId + "/agents";

        as("owner-" + paiId).body("{\"enabled\":true,\"settings\":{\"language\":\"zh\",\"everyMessages\":50}}")
                .put(path + "/summarizer").then().statusCode(200)
                .body("agentId", equalTo("summarizer")).body("enabled", equalTo(true))
                .body("settings.everyMessages", equalTo(50));
        as("admin-" + paiId).body("{\"enabled\":true}").put(path + "/supervisor").then().statusCode(200);
        as("member-" + paiId).body("{\"enabled\":false}").put(path + "/summarizer").then().statusCode(403)
                .body("code", equalTo("NOT_AN_ADMIN"));

        as("member-" + paiId).get(path).then().statusCode(200)
                .body("items.find { it.agentId == 'summarizer' }.enabled", equalTo(true))
                .body("items.find { it.agentId == 'supervisor' }.enabled", equalTo(true))
                .body("items.find { it.agentId == 'remixer' }.enabled", equalTo(false));
    }

    @Test
    void strangersUnknownAgentsAndBadBodiesAreRefused() {
        String paiId = UUID.randomUUID().toString();
        member(paiId, "owner-" + paiId, MemberRole.OWNER);
        String path = "/api/agents/pais/" + paiId + "/agents";
        as("stranger").get(path).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as("stranger").body("{\"enabled\":true}").put(path + "/summarizer").then().statusCode(403);
        as("owner-" + paiId).body("{\"enabled\":true}").put(path + "/oracle").then().statusCode(404)
                .body("code", equalTo("AGENT_NOT_FOUND"));
        as("owner-" + paiId).body("{\"enabled\":\"yes\"}").put(path + "/summarizer").then().statusCode(400)
                .body("field", equalTo("enabled"));
        as("owner-" + paiId).body("{\"settings\":{}}").put(path + "/summarizer").then().statusCode(400)
                .body("field", equalTo("enabled"));
        as("owner-" + paiId).body("{\"enabled\":true,\"settings\":[1]}").put(path + "/summarizer").then().statusCode(400)
                .body("field", equalTo("settings"));
        as("owner-" + paiId).get(path).then().statusCode(200)
                .body("items.find { it.agentId == 'summarizer' }.enabled", equalTo(false));
    }

    private static void member(String paiId, String userId, MemberRole role) {
        PaiMembers.announce(paiId, role, userId);
    }

}
