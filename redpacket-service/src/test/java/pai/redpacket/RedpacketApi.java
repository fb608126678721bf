package pai.redpacket;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import pai.events.EventEnvelope;
import pai.events.chat.MemberRole;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.TestTokens;

/** Requests as an operator or a user, and the campaigns and drops most tests start from. */
final class RedpacketApi {
    private RedpacketApi() {
    }

    static String newUser(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification operator() {
        return operator("ops");
    }

    static RequestSpecification operator(String operatorId) {
        return given().header("Authorization", TestTokens.operatorBearer(operatorId)).contentType(ContentType.JSON);
    }

    static RequestSpecification as(String userId) {
        return given().header("Authorization", TestTokens.bearer(userId)).contentType(ContentType.JSON);
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
    static void joinPai(EntityManager entityManager, String paiId, String... users) {
        for (String user : users) {
            EventPublisher.publish(EventEnvelope.of("chat-service",
                    new MembershipChanged(paiId, user, MemberRole.MEMBER, MembershipChange.JOINED, user, Instant.now())));
        }
        for (String user : users) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> QuarkusTransaction
                    .requiringNew().call(() -> !entityManager
                            .createNativeQuery("select 1 from pai_member where pai_id = ?1 and user_id = ?2")
                            .setParameter(1, paiId).setParameter(2, user).getResultList().isEmpty()));
        }
    }

    /** A drop open from now for an hour. */
    static String createOpenDrop(String campaignId, int packets, long amountCents) {
        Instant now = Instant.now();
        return operator().body(dropJson(packets, amountCents, "RANDOM", now, now.plus(1, ChronoUnit.HOURS)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops")
                .then().statusCode(201).extract().path("id");
    }
}
