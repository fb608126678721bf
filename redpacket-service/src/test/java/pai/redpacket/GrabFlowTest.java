package pai.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;
import static pai.redpacket.RedpacketApi.awaitStatus;
import static pai.redpacket.RedpacketApi.createCampaign;
import static pai.redpacket.RedpacketApi.createOpenDrop;
import static pai.redpacket.RedpacketApi.dropJson;
import static pai.redpacket.RedpacketApi.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.platform.testing.TestEnvironment;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.Pool;
import pai.redpacket.service.pool.PacketPools;
import pai.redpacket.service.pool.PacketPools.GrabOutcome;
import pai.redpacket.service.pool.PacketPools.GrabResult;
import pai.redpacket.service.pool.RedisKeys;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class GrabFlowTest {
    @Inject
    EntityManager entityManager;
    @Inject
    RedisDataSource redis;
    @Inject
    PacketPools pools;

    @Test
    void grabbersShareTheDropExactlyAndTheLedgerAndWalletsFollow() {
        String campaignId = createCampaign(100_000, 1);
        String dropId = createOpenDrop(campaignId, 5, 500);
        awaitStatus(dropId, "ACTIVE");

        List<String> users = new ArrayList<>();
        long granted = 0;
        for (int i = 0; i < 5; i++) {
            String user = newUser("grabber");
            users.add(user);
            int amount = as(user).post("/api/redpackets/drops/" + dropId + "/grab")
                    .then().statusCode(200)
                    .body("dropId", equalTo(dropId))
                    .body("replayed", equalTo(false))
                    .body("amountCents", greaterThan(0))
                    .extract().path("amountCents");
            granted += amount;
        }
        assertThat(granted).isEqualTo(500);
        as(newUser("late")).post("/api/redpackets/drops/" + dropId + "/grab")
                .then().statusCode(410).body("code", equalTo("SOLD_OUT"));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from grab where pool_id = ?1", dropId) == 5);
        assertThat(sum("select sum(amount_cents) from grab where pool_id = ?1", dropId)).isEqualTo(500);
        for (String user : users) {
            long inLedger = sum("select amount_cents from grab where user_id = ?1", user);
            await().atMost(Duration.ofSeconds(10)).until(() -> sum("select balance_cents from wallet where user_id = ?1", user) == inLedger);
            as(user).get("/api/redpackets/wallet").then().statusCode(200)
                    .body("balanceCents", equalTo((int) inLedger))
                    .body("pendingCents", equalTo(0))
                    .body("entries[0].kind", equalTo("GRAB"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> streamLength() == 0);
        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("packetsCents", equalTo(500))
                .body("claimedCents", equalTo(500))
                .body("ledgerCents", equalTo(500))
                .body("redisCents", equalTo(0))
                .body("pending", equalTo(0));
    }

    @Test
    void reconciliationReportsAWalletThatDoesNotMatchItsEntries() {
        String campaignId = createCampaign(10_000, 1);
        String dropId = createOpenDrop(campaignId, 2, 200);
        awaitStatus(dropId, "ACTIVE");
        String user = newUser("tampered");
        as(user).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from wallet where user_id = ?1", user) == 1);
        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().body("ok", equalTo(true));

        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update wallet set balance_cents = balance_cents + 1 where user_id = ?1")
                .setParameter(1, user).executeUpdate());

        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("differences[0]", org.hamcrest.Matchers.startsWith("wallet " + user));
        as(user).get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().statusCode(403);
    }

    @Test
    void aRepeatedGrabReturnsTheSameGrabAndTheCampaignLimitHolds() {
        String campaignId = createCampaign(100_000, 1);
        String first = createOpenDrop(campaignId, 10, 1_000);
        String second = createOpenDrop(campaignId, 10, 1_000);
        awaitStatus(first, "ACTIVE");
        awaitStatus(second, "ACTIVE");
        String user = newUser("repeat");

        String grabId = as(user).post("/api/redpackets/drops/" + first + "/grab").then().statusCode(200)
                .extract().path("grabId");
        as(user).post("/api/redpackets/drops/" + first + "/grab").then().statusCode(200)
                .body("grabId", equalTo(grabId)).body("replayed", equalTo(true));
        as(user).post("/api/redpackets/drops/" + second + "/grab").then().statusCode(409)
                .body("code", equalTo("GRAB_LIMIT_REACHED"));
        as(user).get("/api/redpackets/drops/" + first).then().statusCode(200)
                .body("myGrab.grabId", equalTo(grabId)).body("remainingPackets", equalTo(9));
        as(user).get("/api/redpackets/live").then().statusCode(200);
    }

    @Test
    void cancellingADropRefundsWhatIsLeftOnceAndStopsGrabs() {
        String campaignId = createCampaign(10_000, 1);
        String dropId = createOpenDrop(campaignId, 4, 4_000);
        awaitStatus(dropId, "ACTIVE");
        String winner = newUser("winner");
        int won = as(winner).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200)
                .extract().path("amountCents");

        operator().post("/api/redpackets/drops/" + dropId + "/cancel").then().statusCode(200);
        operator().post("/api/redpackets/drops/" + dropId + "/cancel").then().statusCode(200);
        as(newUser("after")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(409)
                .body("code", equalTo("DROP_NOT_ACTIVE"));
        as(winner).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200)
                .body("replayed", equalTo(true)).body("amountCents", equalTo(won));

        awaitStatus(dropId, "CLOSED");
        assertThat(sum("select amount_cents from refund where pool_id = ?1", dropId)).isEqualTo(4_000 - won);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from grab where pool_id = ?1", dropId) == 1);
        operator().get("/api/redpackets/campaigns/" + campaignId).then().statusCode(200)
                .body("reservedCents", equalTo(4_000))
                .body("grantedCents", equalTo(won))
                .body("refundedCents", equalTo(4_000 - won))
                .body("remainingCents", equalTo(10_000 - won));
        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().body("ok", equalTo(true))
                .body("refundedCents", equalTo(4_000 - won));
    }

    @Test
    void aBatchOfGrabsIsDecidedGrabByGrabInOrder() {
        String campaignId = createCampaign(10_000, 1);
        String dropId = createOpenDrop(campaignId, 2, 200);
        awaitStatus(dropId, "ACTIVE");
        Pool pool = QuarkusTransaction.requiringNew().call(() -> PacketDrop.<PacketDrop>findById(dropId).pool());
        String first = newUser("first");
        String second = newUser("second");

        List<GrabResult> results = pools.grab(pool, List.of(first, first, second, newUser("third")))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(results).extracting(GrabResult::outcome)
                .containsExactly(GrabOutcome.OK, GrabOutcome.REPLAY, GrabOutcome.OK, GrabOutcome.SOLD_OUT);
        assertThat(results.get(1).claim()).isEqualTo(results.get(0).claim());
        assertThat(results.get(0).claim().index()).isNotEqualTo(results.get(2).claim().index());
        assertThat(results.get(0).claim().amountCents() + results.get(2).claim().amountCents()).isEqualTo(200);
        assertThat(redis.hash(String.class).hlen(RedisKeys.claims(dropId))).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from grab where pool_id = ?1", dropId) == 2);
        assertThat(sum("select sum(amount_cents) from grab where pool_id = ?1", dropId)).isEqualTo(200);
    }

    @Test
    void aRepeatAfterTheClaimsExpiredIsAnsweredFromTheLedger() {
        String campaignId = createCampaign(10_000, 1);
        String dropId = createOpenDrop(campaignId, 3, 300);
        awaitStatus(dropId, "ACTIVE");
        String user = newUser("patient");
        String grabId = as(user).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200)
                .extract().path("grabId");
        operator().post("/api/redpackets/drops/" + dropId + "/cancel").then().statusCode(200);
        awaitStatus(dropId, "CLOSED");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from grab where grab_id = ?1", grabId) == 1);
        // What the retention period does to a closed drop, at once.
        redis.key().del(RedisKeys.claims(dropId), RedisKeys.meta(dropId));

        as(user).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200)
                .body("grabId", equalTo(grabId)).body("replayed", equalTo(true));
        as(newUser("stranger")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(409)
                .body("code", equalTo("DROP_NOT_ACTIVE"));
    }

    @Test
    void dropsThatHaveNotStartedOrDoNotExistAreRefused() {
        String campaignId = createCampaign(10_000, 1);
        Instant later = Instant.now().plus(2, ChronoUnit.HOURS);
        String dropId = operator().body(dropJson(2, 200, "EVEN", later, later.plus(1, ChronoUnit.HOURS)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops").then().statusCode(201).extract().path("id");
        as(newUser("early")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(409)
                .body("code", equalTo("DROP_NOT_ACTIVE"));
        as(newUser("lost")).post("/api/redpackets/drops/no-such-drop/grab").then().statusCode(404)
                .body("code", equalTo("DROP_NOT_FOUND"));
    }

    @Test
    void pausingACampaignStopsGrabsUntilItResumes() {
        String campaignId = createCampaign(10_000, 2);
        String dropId = createOpenDrop(campaignId, 5, 500);
        awaitStatus(dropId, "ACTIVE");
        operator().post("/api/redpackets/campaigns/" + campaignId + "/pause").then().statusCode(200);
        as(newUser("paused")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(409)
                .body("code", equalTo("DROP_NOT_ACTIVE"));
        operator().post("/api/redpackets/campaigns/" + campaignId + "/resume").then().statusCode(200);
        as(newUser("resumed")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200);
    }

    private long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    private long sum(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery(sql).setParameter(1, parameter).getResultList();
            return rows.isEmpty() || rows.get(0) == null ? 0 : ((Number) rows.get(0)).longValue();
        });
    }

    private long streamLength() {
        return redis.execute("XLEN", RedisKeys.GRAB_STREAM).toLong();
    }
}
