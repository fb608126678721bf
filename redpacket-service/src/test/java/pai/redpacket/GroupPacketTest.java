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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.Topics;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;
import pai.redpacket.service.grouppacket.GroupPacketService;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class GroupPacketTest {
    @Inject
    EntityManager entityManager;
    @Inject
    GroupPacketService groupPackets;

    @Test
    void aMemberSendsALuckyPacketThatMembersShareExactly() {
        String paiId = UUID.randomUUID().toString();
        String sender = funded(10_000);
        String alice = newUser("alice");
        String bob = newUser("bob");
        String carol = newUser("carol");
        members(paiId, sender, alice, bob, carol);

        String packetId;
        try (TopicWatcher lifecycle = TopicWatcher.watch(Topics.REDPACKET_LIFECYCLE)) {
            packetId = as(sender).body("{\"totalCents\":3000,\"count\":3,\"split\":\"RANDOM\",\"greeting\":\"新年快乐\"}")
                    .post("/api/redpackets/pais/" + paiId + "/packets")
                    .then().statusCode(201)
                    .body("paiId", equalTo(paiId)).body("senderId", equalTo(sender)).body("greeting", equalTo("新年快乐"))
                    .extract().path("id");
            String id = packetId;
            var card = (RedPacketLifecycle) lifecycle.await(e -> e.data() instanceof RedPacketLifecycle l
                    && l.poolId().equals(id) && l.stage() == LifecycleStage.CREATED, Duration.ofSeconds(20)).data();
            assertThat(card.paiId()).isEqualTo(paiId);
            assertThat(card.senderId()).isEqualTo(sender);
            assertThat(card.amountCents()).isEqualTo(3000);
        }
        as(sender).get("/api/redpackets/wallet").then().body("balanceCents", equalTo(7_000))
                .body("entries[0].kind", equalTo("SEND")).body("entries[0].amountCents", equalTo(-3_000));

        long shared = 0;
        for (String member : List.of(alice, sender, bob)) {
            shared += as(member).post("/api/redpackets/packets/" + packetId + "/grab").then().statusCode(200)
                    .body("packetId", equalTo(packetId)).body("replayed", equalTo(false))
                    .extract().<Integer>path("amountCents");
        }
        assertThat(shared).isEqualTo(3_000);
        as(carol).post("/api/redpackets/packets/" + packetId + "/grab").then().statusCode(410)
                .body("code", equalTo("SOLD_OUT"));
        as(newUser("outsider")).post("/api/redpackets/packets/" + packetId + "/grab").then().statusCode(403)
                .body("code", equalTo("NOT_A_MEMBER"));
        // Nor is a lucky packet a drop, though this instance knows it from the grabs above.
        as(newUser("outsider")).post("/api/redpackets/drops/" + packetId + "/grab").then().statusCode(404)
                .body("code", equalTo("DROP_NOT_FOUND"));
        as(alice).get("/api/redpackets/packets/" + packetId).then().statusCode(200)
                .body("items", hasSize(3)).body("remainingCount", equalTo(0)).body("luckiest", notNullValue());
        as(newUser("outsider")).get("/api/redpackets/packets/" + packetId).then().statusCode(403);

        await().atMost(Duration.ofSeconds(30)).until(() -> balance(alice) > 0 && balance(bob) > 0);
        assertThat(balance(alice) + balance(bob) + balance(sender)).isEqualTo(7_000 + 3_000);
    }

    @Test
    void whatIsLeftAtExpiryReturnsToTheSenderOnce() {
        String paiId = UUID.randomUUID().toString();
        String sender = funded(5_000);
        String alice = newUser("alice");
        members(paiId, sender, alice);
        String packetId = as(sender).body("{\"totalCents\":1000,\"count\":4,\"split\":\"EVEN\"}")
                .post("/api/redpackets/pais/" + paiId + "/packets").then().statusCode(201)
                .body("greeting", equalTo(GroupPacketService.DEFAULT_GREETING)).extract().path("id");
        as(alice).post("/api/redpackets/packets/" + packetId + "/grab").then().statusCode(200)
                .body("amountCents", equalTo(250));

        groupPackets.close(packetId);
        groupPackets.close(packetId);

        as(newUser("late")).post("/api/redpackets/packets/" + packetId + "/grab").then().statusCode(403);
        String latecomer = newUser("latecomer");
        members(paiId, latecomer);
        as(latecomer).post("/api/redpackets/packets/" + packetId + "/grab").then().statusCode(409)
                .body("code", equalTo("PACKET_EXPIRED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(sender) == 5_000 - 1_000 + 750);
        assertThat(count("select count(*) from refund where pool_id = ?1", packetId)).isEqualTo(1);
        assertThat(count("select count(*) from wallet_entry where kind = 'REFUND' and ref_id = ?1", packetId)).isEqualTo(1);
    }

    @Test
    void concurrentSendsBeyondTheBalanceSucceedOnlyAsFarAsItGoes() throws Exception {
        String paiId = UUID.randomUUID().toString();
        String sender = funded(10_000);
        members(paiId, sender);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<CompletableFuture<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sends.add(CompletableFuture.supplyAsync(() -> as(sender)
                    .body("{\"totalCents\":1000,\"count\":2,\"split\":\"RANDOM\"}")
                    .post("/api/redpackets/pais/" + paiId + "/packets").statusCode(), pool));
        }
        List<Integer> statuses = sends.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(10);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(15);
        assertThat(balance(sender)).isZero();
        assertThat(count("select coalesce(sum(amount_cents), 0) from wallet_entry where user_id = ?1", sender)).isZero();
        as(sender).body("{\"totalCents\":1,\"count\":1,\"split\":\"EVEN\"}")
                .post("/api/redpackets/pais/" + paiId + "/packets").then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_BALANCE"));
    }

    @Test
    void badPacketsAre400NamingTheFieldAndDebitNothing() {
        String paiId = UUID.randomUUID().toString();
        String sender = funded(3_000_000);
        members(paiId, sender);
        String path = "/api/redpackets/pais/" + paiId + "/packets";
        bad(sender, path, "{\"totalCents\":100,\"count\":0,\"split\":\"EVEN\"}", "count");
        bad(sender, path, "{\"totalCents\":1000,\"count\":201,\"split\":\"EVEN\"}", "count");
        bad(sender, path, "{\"totalCents\":0,\"count\":1,\"split\":\"EVEN\"}", "totalCents");
        bad(sender, path, "{\"totalCents\":2000001,\"count\":1,\"split\":\"EVEN\"}", "totalCents");
        bad(sender, path, "{\"totalCents\":5,\"count\":6,\"split\":\"EVEN\"}", "totalCents");
        bad(sender, path, "{\"totalCents\":\"100\",\"count\":1,\"split\":\"EVEN\"}", "totalCents");
        bad(sender, path, "{\"totalCents\":100,\"count\":1.5,\"split\":\"EVEN\"}", "count");
        bad(sender, path, "{\"totalCents\":100,\"count\":1,\"split\":\"BIG\"}", "split");
        bad(sender, path, "{\"totalCents\":100,\"count\":1,\"split\":\"EVEN\",\"greeting\":\"" + "福".repeat(101) + "\"}", "greeting");
        as(newUser("stranger")).body("{\"totalCents\":100,\"count\":1,\"split\":\"EVEN\"}").post(path)
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        assertThat(balance(sender)).isEqualTo(3_000_000);
        assertThat(count("select count(*) from group_packet where pai_id = ?1", paiId)).isZero();
    }

    private static void bad(String user, String path, String body, String field) {
        as(user).body(body).post(path).then().statusCode(400).body("field", equalTo(field));
    }

    private String funded(long cents) {
        return RedpacketApi.fundedUser("sender", cents);
    }

    private void members(String paiId, String... users) {
        RedpacketApi.joinPai(paiId, users);
    }

    private long balance(String userId) {
        return count("select coalesce(max(balance_cents), 0) from wallet where user_id = ?1", userId);
    }

    private long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
