package pai.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;
import static pai.redpacket.RedpacketApi.campaignJson;
import static pai.redpacket.RedpacketApi.createCampaign;
import static pai.redpacket.RedpacketApi.dropJson;
import static pai.redpacket.RedpacketApi.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.Topics;
import pai.events.redpacket.CampaignChanged;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class CampaignApiTest {
    @Inject
    EntityManager entityManager;

    @Test
    void anOperatorCreatesACampaignOfAMillionYuanAndReadsItsTotals() {
        String id = operator().body(campaignJson(100_000_000_000L, 3)).post("/api/redpackets/campaigns")
                .then().statusCode(201)
                .body("budgetCents", equalTo(100_000_000_000L))
                .body("status", equalTo("ACTIVE"))
                .body("timezone", equalTo("Asia/Shanghai"))
                .extract().path("id");
        operator().get("/api/redpackets/campaigns/" + id).then().statusCode(200)
                .body("reservedCents", equalTo(0))
                .body("remainingCents", equalTo(100_000_000_000L))
                .body("grantedCents", equalTo(0));
        operator().get("/api/redpackets/campaigns?limit=200").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstCampaign() {
        String key = UUID.randomUUID().toString();
        String first = operator().header("Idempotency-Key", key).body(campaignJson(1_000, 1))
                .post("/api/redpackets/campaigns").then().statusCode(201).extract().path("id");
        String second = operator().header("Idempotency-Key", key).body(campaignJson(1_000, 1))
                .post("/api/redpackets/campaigns").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void dropsReserveTheirAmountAndCannotOverspendTheBudget() {
        String campaignId = createCampaign(10_000, 1);
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        operator().body(dropJson(10, 6_000, "EVEN", start, start.plus(10, ChronoUnit.MINUTES)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops").then().statusCode(201)
                .body("status", equalTo("SCHEDULED"));
        operator().body(dropJson(10, 4_001, "EVEN", start, start.plus(10, ChronoUnit.MINUTES)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops").then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_BUDGET"));

        operator().get("/api/redpackets/campaigns/" + campaignId).then().statusCode(200)
                .body("reservedCents", equalTo(6_000)).body("remainingCents", equalTo(4_000));
        assertThat(count("select count(*) from packet_drop where campaign_id = ?1", campaignId)).isEqualTo(1);
        Object packets = entityManager.createNativeQuery(
                "select p.amounts from pool_packets p join packet_drop d on d.id = p.pool_id where d.campaign_id = ?1")
                .setParameter(1, campaignId).getSingleResult();
        assertThat(packets).isInstanceOfAny(long[].class, Long[].class);
        assertThat(packets instanceof long[] primitive ? java.util.Arrays.stream(primitive).boxed().toArray() : (Object[]) packets)
                .hasSize(10).containsOnly(600L);
    }

    @Test
    void usersCannotRunCampaigns() {
        String campaignId = createCampaign(1_000, 1);
        String user = newUser("user");
        as(user).body(campaignJson(1_000, 1)).post("/api/redpackets/campaigns").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(user).post("/api/redpackets/campaigns/" + campaignId + "/pause").then().statusCode(403);
        as(user).post("/api/redpackets/campaigns/" + campaignId + "/cancel").then().statusCode(403);
        as(user).get("/api/redpackets/campaigns/" + campaignId).then().statusCode(403);
        Instant now = Instant.now();
        as(user).body(dropJson(1, 100, "EVEN", now, now.plusSeconds(60)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops").then().statusCode(403);
    }

    @Test
    void badCampaignsAre400NamingTheFieldAndWriteNothing() {
        long before = count("select count(*) from campaign", null);
        String valid = campaignJson(1_000, 1);
        badCampaign(valid.replace("\"budgetCents\":1000", "\"budgetCents\":\"1000\""), "budgetCents");
        badCampaign(valid.replace("\"budgetCents\":1000", "\"budgetCents\":10.5"), "budgetCents");
        badCampaign(valid.replace("\"budgetCents\":1000", "\"budgetCents\":0"), "budgetCents");
        badCampaign(valid.replace("\"budgetCents\":1000", "\"budgetCents\":-5"), "budgetCents");
        badCampaign(valid.replace("\"budgetCents\":1000", "\"budgetCents\":100000000001"), "budgetCents");
        badCampaign(valid.replace("\"budgetCents\":1000", "\"budgetCents\":99999999999999999999999"), "budgetCents");
        badCampaign(valid.replace("\"budgetCents\":1000,", ""), "budgetCents");
        badCampaign(valid.replace("\"maxGrabsPerUser\":1", "\"maxGrabsPerUser\":0"), "maxGrabsPerUser");
        badCampaign(valid.replace("Asia/Shanghai", "Mars/Olympus"), "timezone");
        badCampaign(valid.replace("\"name\":\"春节红包雨\"", "\"name\":\"\""), "name");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String backwards = valid.replaceFirst("\"endsAt\":\"[^\"]+\"", "\"endsAt\":\"" + now.minus(2, ChronoUnit.HOURS) + "\"");
        badCampaign(backwards, "endsAt");
        badCampaign(valid.replaceFirst("\"startsAt\":\"[^\"]+\"", "\"startsAt\":\"tomorrow\""), "startsAt");
        assertThat(count("select count(*) from campaign", null)).isEqualTo(before);
    }

    @Test
    void badDropsAre400NamingTheFieldAndReserveNothing() {
        String campaignId = createCampaign(100_000, 1);
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        Instant end = start.plus(10, ChronoUnit.MINUTES);
        String path = "/api/redpackets/campaigns/" + campaignId + "/drops";
        badDrop(path, dropJson(10, 9, "EVEN", start, end), "amountCents");
        badDrop(path, dropJson(0, 100, "EVEN", start, end), "packetCount");
        badDrop(path, dropJson(1_000_001, 10_000_000, "EVEN", start, end), "packetCount");
        badDrop(path, dropJson(10, 100, "LUCKY", start, end), "split");
        badDrop(path, dropJson(10, 100, "EVEN", end, start), "endsAt");
        badDrop(path, dropJson(10, 100, "EVEN", start, start.plus(10, ChronoUnit.DAYS)), "endsAt");
        badDrop(path, dropJson(10, 100, "EVEN", start, end).replace("\"packetCount\":10", "\"packetCount\":1.5"), "packetCount");
        operator().get("/api/redpackets/campaigns/" + campaignId).then().body("reservedCents", equalTo(0));
        operator().body(dropJson(10, 100, "EVEN", start, end)).post("/api/redpackets/campaigns/nope/drops")
                .then().statusCode(404).body("code", equalTo("CAMPAIGN_NOT_FOUND"));
    }

    @Test
    void pausingAndCancellingMoveTheStatus() {
        String campaignId = createCampaign(1_000, 1);
        String path = "/api/redpackets/campaigns/" + campaignId;
        operator().post(path + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        operator().post(path + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
        operator().post(path + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        operator().post(path + "/resume").then().statusCode(409).body("code", equalTo("CAMPAIGN_NOT_ACTIVE"));
    }

    @Test
    void everyChangeOfACampaignIsAnnouncedWithItsRulesInOrder() {
        try (TopicWatcher lifecycle = TopicWatcher.watch(Topics.REDPACKET_LIFECYCLE)) {
            String campaignId = createCampaign(1_000, 1);
            String path = "/api/redpackets/campaigns/" + campaignId;
            operator().post(path + "/pause").then().statusCode(200);
            operator().post(path + "/cancel").then().statusCode(200);

            List<CampaignChanged> changes = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                changes.clear();
                lifecycle.drain(Duration.ofMillis(200)).stream().map(e -> e.data())
                        .filter(d -> d instanceof CampaignChanged c && c.campaignId().equals(campaignId))
                        .forEach(d -> changes.add((CampaignChanged) d));
                return changes.size() >= 3;
            });
            assertThat(changes).extracting(CampaignChanged::status).containsExactly("ACTIVE", "PAUSED", "CANCELLED");
            CampaignChanged created = changes.get(0);
            assertThat(created.name()).isEqualTo("春节红包雨");
            assertThat(created.timezone()).isEqualTo("Asia/Shanghai");
            assertThat(created.shareBonusGrabs()).isEqualTo(1);
            assertThat(created.maxBonusGrabsPerUser()).isEqualTo(3);
            assertThat(created.dailyShareRewardCap()).isNull();
            assertThat(created.endsAt()).isAfter(created.startsAt());
        }
    }

    private static void badCampaign(String body, String field) {
        operator().body(body).post("/api/redpackets/campaigns").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }

    private static void badDrop(String path, String body, String field) {
        operator().body(body).post(path).then().statusCode(400).body("field", equalTo(field));
    }

    private long count(String sql, String parameter) {
        var query = entityManager.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        return ((Number) query.getSingleResult()).longValue();
    }
}
