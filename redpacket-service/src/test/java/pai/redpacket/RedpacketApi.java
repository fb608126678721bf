package pai.redpacket;

import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.restassured.specification.RequestSpecification;
import pai.events.chat.MemberRole;
import pai.platform.testing.PaiMembers;
import pai.platform.testing.TestUsers;

/** Requests as an operator or a user, and the campaigns and drops most tests start from. */
final class RedpacketApi {
    private RedpacketApi() {
    }

    static RequestSpecification operator() {
        return operator("ops");
    }

    static RequestSpecification operator(String operatorId) {
        return TestUsers.asOperator(operatorId);
    }

    static String campaignJson(long budgetCents, int maxGrabsPerUser) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"name":"春节红包雨","budgetCents":%d,"startsAt":"%s","endsAt":"%s","timezone":"Asia/Shanghai",
                 "maxGrabsPerUser":%d,"shareBonusGrabs":1,"maxBonusGrabsPerUser":3}"""
                .formatted(budgetCents, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS), maxGrabsPerUser);
    }

    static String createCampaign(long budgetCents, int maxGrabsPerUser) {
        return operator().body(campaignJson(budgetCents, maxGrabsPerUser)).post("/api/redpackets/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    static String dropJson(int packets, long amountCents, String split, Instant startsAt, Instant endsAt) {
        return """
                {"packetCount":%d,"amountCents":%d,"split":"%s","startsAt":"%s","endsAt":"%s"}"""
                .formatted(packets, amountCents, split, startsAt, endsAt);
    }

    static void awaitStatus(String dropId, String status) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> status.equals(
                as("watcher").get("/api/redpackets/drops/" + dropId).then().statusCode(200).extract().path("status")));
    }

    /** A user whose wallet holds {@code cents}, won from the one packet of a campaign's drop. */
    static String fundedUser(String name, long cents) {
        String campaignId = createCampaign(cents, 1);
        String dropId = createOpenDrop(campaignId, 1, cents);
        awaitStatus(dropId, "ACTIVE");
        String user = newUser(name);
        as(user).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> ((Number) as(user)
                .get("/api/redpackets/wallet").then().statusCode(200).extract().path("balanceCents")).longValue() == cents);
        return user;
    }

    /** Announces the users as members of the pai, as chat-service does, and waits until this service knows them. */
    static void joinPai(String paiId, String... users) {
        PaiMembers.announce(paiId, MemberRole.MEMBER, users);
    }

    /** A drop open from now for an hour. */
    static String createOpenDrop(String campaignId, int packets, long amountCents) {
        Instant now = Instant.now();
        return operator().body(dropJson(packets, amountCents, "RANDOM", now, now.plus(1, ChronoUnit.HOURS)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops")
                .then().statusCode(201).extract().path("id");
    }
}
