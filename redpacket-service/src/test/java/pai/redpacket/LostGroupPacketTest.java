package pai.redpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import pai.platform.testing.TestEnvironment;
import pai.redpacket.service.grouppacket.GroupPacketService;
import pai.redpacket.service.pool.RedisKeys;

/** A lucky packet whose Redis keys vanished freezes and comes back from PostgreSQL, as a drop does (LostDropTest). */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class LostGroupPacketTest {
    private static final String API = "/api/redpackets";

    @Inject
    RedisDataSource redis;
    @Inject
    EntityManager entityManager;
    @Inject
    GroupPacketService groupPackets;

    @Test
    void aLuckyPacketRedisLostIsRebuiltFromTheLedgerAndSharedExactlyOnce() {
        String paiId = UUID.randomUUID().toString();
        String sender = RedpacketApi.fundedUser("sender", 10_000);
        List<String> early = List.of(newUser("early"), newUser("early"));
        List<String> late = List.of(newUser("late"), newUser("late"), newUser("late"));
        String tooLate = newUser("too-late");
        List<String> everyone = new ArrayList<>(List.of(sender, tooLate));
        everyone.addAll(early);
        everyone.addAll(late);
        RedpacketApi.joinPai(paiId, everyone.toArray(String[]::new));
        String packetId = send(sender, paiId, 1_000, 5, "RANDOM");

        Map<String, String> grabIds = new LinkedHashMap<>();
        for (String user : early) {
            grabIds.put(user, grab(user, packetId).then().statusCode(200).body("replayed", equalTo(false))
                    .extract().path("grabId"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> grabs(packetId) == 2);

        lose(packetId);

        // Until the rebuild, the ledger answers the early grabbers, the packet shows what the ledger
        // has not granted, and a newcomer waits (or, should the rebuild be done already, gets a packet).
        as(early.get(0)).get(API + "/packets/" + packetId).then().statusCode(200).body("remainingCount", equalTo(3));
        grabIds.forEach((user, grabId) -> grab(user, packetId).then().statusCode(200)
                .body("grabId", equalTo(grabId)).body("replayed", equalTo(true)));
        Response meanwhile = grab(late.get(0), packetId);
        if (meanwhile.statusCode() == 503) {
            meanwhile.then().contentType("application/problem+json").body("code", equalTo("BUSY"));
        } else {
            grabIds.put(late.get(0), meanwhile.then().statusCode(200).extract().path("grabId"));
        }

        awaitRebuilt(packetId);
        for (String user : late) {
            String grabId = grab(user, packetId).then().statusCode(200).extract().path("grabId");
            grabIds.putIfAbsent(user, grabId);
            assertThat(grabId).isEqualTo(grabIds.get(user));
        }
        grab(tooLate, packetId).then().statusCode(410).body("code", equalTo("SOLD_OUT"));
        grabIds.forEach((user, grabId) -> grab(user, packetId).then().statusCode(200)
                .body("grabId", equalTo(grabId)).body("replayed", equalTo(true)));

        await().atMost(Duration.ofSeconds(60)).until(() -> grabs(packetId) == 5);
        assertThat(number("select count(distinct user_id) from grab where pool_id = ?1", packetId)).isEqualTo(5);
        assertThat(number("select count(distinct packet_index) from grab where pool_id = ?1", packetId)).isEqualTo(5);
        assertThat(number("select sum(amount_cents) from grab where pool_id = ?1", packetId)).isEqualTo(1_000);
        as(sender).get(API + "/packets/" + packetId).then().statusCode(200)
                .body("packet.status", equalTo("ACTIVE")).body("remainingCount", equalTo(0))
                .body("items", hasSize(5)).body("luckiest", notNullValue());
    }

    @Test
    void whatARebuiltPacketDidNotGrantReturnsToTheSenderAtExpiry() {
        String paiId = UUID.randomUUID().toString();
        String sender = RedpacketApi.fundedUser("sender", 5_000);
        String alice = newUser("alice");
        String bob = newUser("bob");
        String latecomer = newUser("latecomer");
        RedpacketApi.joinPai(paiId, sender, alice, bob, latecomer);
        String packetId = send(sender, paiId, 1_000, 4, "EVEN");
        String alicesGrab = grab(alice, packetId).then().statusCode(200).body("amountCents", equalTo(250))
                .extract().path("grabId");
        await().atMost(Duration.ofSeconds(60)).until(() -> grabs(packetId) == 1);

        lose(packetId);
        awaitRebuilt(packetId);
        grab(bob, packetId).then().statusCode(200).body("amountCents", equalTo(250));
        grab(alice, packetId).then().statusCode(200).body("grabId", equalTo(alicesGrab));

        groupPackets.close(packetId);
        groupPackets.close(packetId);

        grab(latecomer, packetId).then().statusCode(409).body("code", equalTo("PACKET_EXPIRED"));
        await().atMost(Duration.ofSeconds(60)).until(() -> number("select count(*) from refund where pool_id = ?1", packetId) == 1);
        assertThat(number("select amount_cents from refund where pool_id = ?1", packetId)).isEqualTo(500);
        assertThat(number("select packets from refund where pool_id = ?1", packetId)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> grabs(packetId) == 2);
        assertThat(number("select sum(amount_cents) from grab where pool_id = ?1", packetId)).isEqualTo(500);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(sender) == 5_000 - 1_000 + 500);
        assertThat(number("select count(*) from wallet_entry where kind = 'REFUND' and ref_id = ?1", packetId))
                .isEqualTo(1);
        as(sender).get(API + "/packets/" + packetId).then().statusCode(200)
                .body("packet.status", equalTo("CLOSED")).body("items", hasSize(2));
    }

    @Test
    void aCloseRedisLostIsRefundedToTheSenderFromTheLedgerOnce() {
        String paiId = UUID.randomUUID().toString();
        String sender = RedpacketApi.fundedUser("sender", 5_000);
        String alice = newUser("alice");
        RedpacketApi.joinPai(paiId, sender, alice);
        String packetId = send(sender, paiId, 1_000, 4, "EVEN");
        grab(alice, packetId).then().statusCode(200).body("amountCents", equalTo(250));
        await().atMost(Duration.ofSeconds(60)).until(() -> grabs(packetId) == 1);

        // The close script ran (CLOSING), then Redis lost the packet and its close entry before the
        // relay moved it: under the packet's row lock, so the scheduler sees both at once.
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("select id from group_packet where id = ?1 for update")
                    .setParameter(1, packetId).getResultList();
            entityManager.createNativeQuery("update group_packet set status = 'CLOSING', closed_at = now() where id = ?1")
                    .setParameter(1, packetId).executeUpdate();
            lose(packetId);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> "CLOSED".equals(status(packetId)));
        assertThat(number("select count(*) from refund where pool_id = ?1", packetId)).isEqualTo(1);
        assertThat(number("select amount_cents from refund where pool_id = ?1", packetId)).isEqualTo(750);
        assertThat(number("select packets from refund where pool_id = ?1", packetId)).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(sender) == 5_000 - 1_000 + 750);
    }

    /** What a Redis restart without its data does to the packet: its pool and its per-member counters are gone. */
    private void lose(String packetId) {
        redis.key().del(RedisKeys.meta(packetId), RedisKeys.packets(packetId), RedisKeys.claims(packetId),
                RedisKeys.campaignGrabs(packetId));
    }

    private void awaitRebuilt(String packetId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> redis.key().exists(RedisKeys.meta(packetId))
                && "ACTIVE".equals(status(packetId)));
    }

    private static String send(String sender, String paiId, long totalCents, int count, String split) {
        return as(sender).body("{\"totalCents\":%d,\"count\":%d,\"split\":\"%s\"}".formatted(totalCents, count, split))
                .post(API + "/pais/" + paiId + "/packets").then().statusCode(201).extract().path("id");
    }

    private static Response grab(String user, String packetId) {
        return as(user).post(API + "/packets/" + packetId + "/grab");
    }

    private String status(String packetId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select status from group_packet where id = ?1").setParameter(1, packetId)
                .getSingleResult());
    }

    private long grabs(String packetId) {
        return number("select count(*) from grab where pool_id = ?1", packetId);
    }

    private long balance(String userId) {
        return number("select coalesce(max(balance_cents), 0) from wallet where user_id = ?1", userId);
    }

    private long number(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object value = entityManager.createNativeQuery(sql).setParameter(1, parameter).getSingleResult();
            return value == null ? 0 : ((Number) value).longValue();
        });
    }
}
