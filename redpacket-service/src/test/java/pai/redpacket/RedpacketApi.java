package pai.redpacket;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import pai.platform.testing.TestTokens;

/** Requests as an operator or a user, and the campaigns and drops most tests start from. */
final class RedpacketApi {
    private RedpacketApi() {
    }

    static String newUser(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification operator() {
        return given().header("Authorization", TestTokens.operatorBearer("ops")).contentType(ContentType.JSON);
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

    /** A drop open from now for an hour. */
    static String createOpenDrop(String campaignId, int packets, long amountCents) {
        Instant now = Instant.now();
        return operator().body(dropJson(packets, amountCents, "RANDOM", now, now.plus(1, ChronoUnit.HOURS)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops")
                .then().statusCode(201).extract().path("id");
    }
}
