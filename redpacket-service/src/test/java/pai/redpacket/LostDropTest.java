package pai.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;
import static pai.redpacket.RedpacketApi.awaitStatus;
import static pai.redpacket.RedpacketApi.createCampaign;
import static pai.redpacket.RedpacketApi.createOpenDrop;
import static pai.redpacket.RedpacketApi.operator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.platform.testing.TestEnvironment;
import pai.redpacket.service.pool.RedisKeys;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class LostDropTest {
    @Inject
    RedisDataSource redis;
    @Inject
    EntityManager entityManager;

    @Test
    void aDropRedisLostIsFrozenAndRebuiltFromTheLedgerWithoutGrantingAnyPacketTwice() {
        String campaignId = createCampaign(100_000, 1);
        String dropId = createOpenDrop(campaignId, 10, 1_000);
        String otherDrop = createOpenDrop(campaignId, 10, 1_000);
        awaitStatus(dropId, "ACTIVE");
        awaitStatus(otherDrop, "ACTIVE");
        Map<String, String> before = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String user = newUser("early");
            before.put(user, as(user).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200)
                    .extract().path("grabId"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> grabs(dropId) == 3);

        // Redis loses the drop and the campaign's counters, as after a restart without its data.
        redis.key().del(RedisKeys.meta(dropId), RedisKeys.packets(dropId), RedisKeys.claims(dropId),
                RedisKeys.campaignGrabs(campaignId));
        // At once, before the scheduler has frozen it: a retry, not "not active".
        as(newUser("meanwhile")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(503)
                .body("code", equalTo("BUSY"));

        // Only a rebuild brings the meta back; meanwhile grabs wait.
        await().atMost(Duration.ofSeconds(60)).until(() -> redis.key().exists(RedisKeys.meta(dropId)));
        awaitStatus(dropId, "ACTIVE");
        before.forEach((user, grabId) -> as(user).post("/api/redpackets/drops/" + dropId + "/grab")
                .then().statusCode(200).body("grabId", equalTo(grabId)).body("replayed", equalTo(true)));
        String early = before.keySet().iterator().next();
        as(early).post("/api/redpackets/drops/" + otherDrop + "/grab").then().statusCode(409)
                .body("code", equalTo("GRAB_LIMIT_REACHED"));
        for (int i = 0; i < 7; i++) {
            as(newUser("late")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(200)
                    .body("replayed", equalTo(false));
        }
        as(newUser("too-late")).post("/api/redpackets/drops/" + dropId + "/grab").then().statusCode(410);

        await().atMost(Duration.ofSeconds(30)).until(() -> grabs(dropId) == 10);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select sum(amount_cents) from grab where pool_id = ?1").setParameter(1, dropId)
                .getSingleResult()).longValue())).isEqualTo(1_000);
        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().statusCode(200)
                .body("ok", equalTo(true));
    }

    @Test
    void aCloseRedisLostBeforeTheRelayMovedItIsRefundedFromTheLedgerOnce() {
        String campaignId = createCampaign(10_000, 1);
        String dropId = createOpenDrop(campaignId, 10, 1_000);
        awaitStatus(dropId, "ACTIVE");
        long granted = 0;
        for (int i = 0; i < 3; i++) {
            granted += as(newUser("before-close")).post("/api/redpackets/drops/" + dropId + "/grab").then()
                    .statusCode(200).extract().<Integer>path("amountCents");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> grabs(dropId) == 3);

        // The close script ran (CLOSING) and Redis lost the drop, its close entry with it, before the
        // relay moved that entry: under the drop's row lock, so the scheduler sees both at once.
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("select id from packet_drop where id = ?1 for update").setParameter(1, dropId)
                    .getResultList();
            entityManager.createNativeQuery("update packet_drop set status = 'CLOSING', closed_at = now() where id = ?1")
                    .setParameter(1, dropId).executeUpdate();
            redis.key().del(RedisKeys.meta(dropId), RedisKeys.packets(dropId), RedisKeys.claims(dropId));
        });

        awaitStatus(dropId, "CLOSED");
        long refunded = 1_000 - granted;
        assertThat(sum("select sum(amount_cents) from refund where pool_id = ?1", dropId)).isEqualTo(refunded);
        assertThat(sum("select count(*) from refund where pool_id = ?1", dropId)).isEqualTo(1);
        operator().get("/api/redpackets/campaigns/" + campaignId).then().statusCode(200)
                .body("grantedCents", equalTo((int) granted))
                .body("refundedCents", equalTo((int) refunded))
                .body("remainingCents", equalTo((int) (10_000 - granted)));
        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().statusCode(200)
                .body("ok", equalTo(true));
    }

    private long sum(String sql, String dropId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, dropId).getSingleResult()).longValue());
    }

    private long grabs(String dropId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from grab where pool_id = ?1").setParameter(1, dropId)
                .getSingleResult()).longValue());
    }
}
