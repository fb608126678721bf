package pai.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;
import static pai.redpacket.RedpacketApi.awaitStatus;
import static pai.redpacket.RedpacketApi.createCampaign;
import static pai.redpacket.RedpacketApi.createOpenDrop;
import static pai.redpacket.RedpacketApi.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import pai.platform.testing.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class StatsApiTest {
    private static final String STATS = "/api/redpackets/stats";

    @Test
    void theStatsCountACampaignsGrabsByOutcomeWithTheirLatencyAndItsMoneyAsTheCampaignShowsIt() {
        String campaignId = createCampaign(100_000, 1);
        String twoPackets = createOpenDrop(campaignId, 2, 300);
        String another = createOpenDrop(campaignId, 5, 500);
        awaitStatus(twoPackets, "ACTIVE");
        awaitStatus(another, "ACTIVE");
        String first = newUser("first");
        String second = newUser("second");
        as(first).post("/api/redpackets/drops/" + twoPackets + "/grab").then().statusCode(200);
        as(second).post("/api/redpackets/drops/" + twoPackets + "/grab").then().statusCode(200);
        as(newUser("third")).post("/api/redpackets/drops/" + twoPackets + "/grab").then().statusCode(410)
                .body("code", equalTo("SOLD_OUT"));
        as(first).post("/api/redpackets/drops/" + another + "/grab").then().statusCode(409)
                .body("code", equalTo("GRAB_LIMIT_REACHED"));
        as(first).post("/api/redpackets/drops/" + twoPackets + "/grab").then().statusCode(200)
                .body("replayed", equalTo(true));
        // Another campaign's grab counts for the service, not for this campaign.
        String elsewhere = createOpenDrop(createCampaign(1_000, 1), 1, 100);
        awaitStatus(elsewhere, "ACTIVE");
        as(newUser("elsewhere")).post("/api/redpackets/drops/" + elsewhere + "/grab").then().statusCode(200);

        JsonPath campaign = operator().get("/api/redpackets/campaigns/" + campaignId + "/stats?windowSeconds=60").then().statusCode(200)
                .body("campaignId", equalTo(campaignId))
                .body("windowSeconds", equalTo(60))
                .body("counts.granted", equalTo(2))
                .body("counts.sold_out", equalTo(1))
                .body("counts.grab_limit_reached", equalTo(1))
                .body("counts.replayed", equalTo(1))
                .body("counts.drop_not_active", equalTo(0))
                .body("grabsPerSecond.granted", equalTo(0.033f))
                .body("latencyMs.p50", greaterThan(0f))
                .body("latencyMs.p99", greaterThan(0f))
                .body("series", hasSize(60))
                .extract().jsonPath();
        assertThat(campaign.getFloat("latencyMs.p99")).isGreaterThanOrEqualTo(campaign.getFloat("latencyMs.p50"))
                .isLessThanOrEqualTo(campaign.getFloat("latencyMs.max"));
        List<Map<String, Object>> series = campaign.getList("series");
        assertThat(series.stream().mapToInt(s -> ((Number) ((Map<?, ?>) s.get("outcomes")).get("granted")).intValue())
                .sum()).isEqualTo(2);
        Instant serverTime = Instant.parse(campaign.getString("serverTime"));
        Instant lastSecond = Instant.parse(series.get(59).get("second").toString());
        assertThat(lastSecond).isEqualTo(serverTime.truncatedTo(ChronoUnit.SECONDS));
        assertThat(Instant.parse(series.get(0).get("second").toString())).isEqualTo(lastSecond.minusSeconds(59));
        assertThat(series.stream().filter(s -> s.get("p99Ms") != null)).isNotEmpty();

        operator().get(STATS + "?windowSeconds=60").then().statusCode(200)
                .body("windowSeconds", equalTo(60))
                .body("counts.granted", greaterThanOrEqualTo(3))
                .body("counts.sold_out", greaterThanOrEqualTo(1))
                .body("counts.grab_limit_reached", greaterThanOrEqualTo(1))
                .body("latencyMs.p99", greaterThan(0f))
                .body("series", hasSize(60));
        operator().get(STATS).then().statusCode(200).body("windowSeconds", equalTo(10));

        await().atMost(Duration.ofSeconds(30)).until(() -> operator().get("/api/redpackets/campaigns/" + campaignId)
                .then().statusCode(200).extract().<Integer>path("grantedCents") == 300);
        Map<String, Object> shown = operator().get("/api/redpackets/campaigns/" + campaignId).then().statusCode(200)
                .extract().path("");
        operator().get("/api/redpackets/campaigns/" + campaignId + "/stats").then().statusCode(200)
                .body("budgetCents", equalTo(shown.get("budgetCents")))
                .body("reservedCents", equalTo(shown.get("reservedCents")))
                .body("grantedCents", equalTo(shown.get("grantedCents")))
                .body("refundedCents", equalTo(shown.get("refundedCents")))
                .body("remainingCents", equalTo(shown.get("remainingCents")))
                .body("reservedCents", equalTo(800))
                .body("grantedCents", equalTo(300))
                .body("remainingCents", equalTo(100_000 - 800));
    }

    @Test
    void usersGet403AndAnUnknownCampaign404() {
        String campaignId = createCampaign(1_000, 1);
        String user = newUser("curious");
        as(user).get(STATS).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(user).get("/api/redpackets/campaigns/" + campaignId + "/stats").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        operator().get("/api/redpackets/campaigns/no-such-campaign/stats").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CAMPAIGN_NOT_FOUND"));
    }

    @Test
    void aCampaignWithoutGrabsInTheWindowHasZerosAndNoLatency() {
        String campaignId = createCampaign(1_000, 1);
        operator().get("/api/redpackets/campaigns/" + campaignId + "/stats?windowSeconds=1").then().statusCode(200)
                .body("windowSeconds", equalTo(1))
                .body("counts.granted", equalTo(0))
                .body("grabsPerSecond.granted", equalTo(0f))
                .body("latencyMs.p50", nullValue())
                .body("latencyMs.p99", nullValue())
                .body("latencyMs.max", nullValue())
                .body("series", hasSize(60))
                .body("series.p99Ms", everyItem(nullValue()))
                .body("budgetCents", equalTo(1_000))
                .body("remainingCents", equalTo(1_000));
    }
}
