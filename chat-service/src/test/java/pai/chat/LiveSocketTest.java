package pai.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static pai.chat.ChatApi.createPai;
import static pai.chat.ChatApi.paiWith;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.launcher.DevKeys;
import pai.launcher.DevTokens;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.LiveClient;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class LiveSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger CLIENT_MSG = new AtomicInteger();

    @TestHTTPResource("/api/chat/ws")
    URI http;

    @Inject
    EntityManager entityManager;

    @Test
    void aBadMissingOrExpiredTokenClosesWith4401() {
        try (LiveClient bad = LiveClient.bySubprotocol(ws(), "not.a.token");
                LiveClient none = LiveClient.byQuery(ws(), "");
                LiveClient expired = LiveClient.byQuery(ws(), token("late", Duration.ofMinutes(-5)));
                LiveClient expiring = LiveClient.bySubprotocol(ws(), token("brief", Duration.ofSeconds(2)))) {
            assertThat(bad.awaitClose(WAIT)).isEqualTo(4401);
            assertThat(none.awaitClose(WAIT)).isEqualTo(4401);
            assertThat(expired.awaitClose(WAIT)).isEqualTo(4401);
            expiring.await(f -> f.path("type").asText().equals("ready"), WAIT);
            assertThat(expiring.awaitClose(WAIT)).isEqualTo(4401);
        }
    }

    @Test
    void aMemberGetsEachMessageOnceInOrderAndAResumeReplaysWhatItMissed() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);

        try (LiveClient live = LiveClient.bySubprotocol(ws(), TestTokens.user(bob))) {
            live.await(f -> f.path("type").asText().equals("ready") && f.path("pais").toString().contains(paiId), WAIT);
            long first = postUntilDelivered(alice, paiId, live);
            for (int i = 0; i < 10; i++) {
                post(alice, paiId, "n" + i);
            }
            long last = first + 10;
            live.await(f -> f.path("seq").asLong() == last, WAIT);
            assertThat(live.seqs(paiId)).isEqualTo(LongStream.rangeClosed(first, last).boxed().toList());

            as(alice).post("/api/chat/pais/" + paiId + "/messages/" + last + "/recall").then().statusCode(200);
            var recall = live.await(f -> f.path("type").asText().equals("recall"), WAIT);
            assertThat(recall.get("seq").asLong()).isEqualTo(last);
        }

        try (LiveClient back = LiveClient.byQuery(ws(), TestTokens.user(bob))) {
            back.await(f -> f.path("type").asText().equals("ready"), WAIT);
            back.resume(paiId, 2);
            var resumed = back.await(f -> f.path("type").asText().equals("resumed"), WAIT);
            long lastSeq = resumed.get("lastSeq").asLong();
            assertThat(resumed.get("hasMore").asBoolean()).isFalse();
            assertThat(back.seqs(paiId)).isEqualTo(LongStream.rangeClosed(3, lastSeq).boxed().toList());
            assertThat(back.frames().get(back.frames().size() - 2).get("kind").asText()).isEqualTo("RECALLED");

            post(alice, paiId, "after the resume");
            back.await(f -> f.path("seq").asLong() == lastSeq + 1, WAIT);
            assertThat(back.seqs(paiId)).isEqualTo(LongStream.rangeClosed(3, lastSeq + 1).boxed().toList());
        }
    }

    @Test
    void aLaterSeqWaitsForTheEarlierOneAndGetsItFromTheDatabaseWhenItsEventIsLate() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        try (LiveClient live = LiveClient.bySubprotocol(ws(), TestTokens.user(alice))) {
            live.await(f -> f.path("type").asText().equals("ready"), WAIT);
            long first = postUntilDelivered(alice, paiId, live);
            long last = live.seqs(paiId).get(live.seqs(paiId).size() - 1);
            // Two messages committed, but only the event of the second reaches Kafka (the first one's is late).
            String early = UUID.randomUUID().toString();
            String late = UUID.randomUUID().toString();
            QuarkusTransaction.requiringNew().run(() -> {
                insertMessage(early, paiId, last + 1, alice, "committed, event late");
                insertMessage(late, paiId, last + 2, alice, "overtook it");
                entityManager.createNativeQuery("update pai set last_seq = ?1 where id = ?2")
                        .setParameter(1, last + 2).setParameter(2, paiId).executeUpdate();
            });
            EventPublisher.publish(EventEnvelope.of(late, "chat-service", Instant.now(), new ChatMessagePosted(late, paiId,
                    last + 2, alice, SenderKind.USER, MessageKind.TEXT, "overtook it", null, List.of(), null, null, null, null, Instant.now())));

            live.await(f -> f.path("seq").asLong() == last + 2, WAIT);
            assertThat(live.seqs(paiId)).isEqualTo(LongStream.rangeClosed(first, last + 2).boxed().toList());
            assertThat(live.frames().stream().filter(f -> early.equals(f.path("id").asText())).findFirst().orElseThrow()
                    .get("text").asText()).isEqualTo("committed, event late");
        }
    }

    private void insertMessage(String id, String paiId, long seq, String senderId, String text) {
        entityManager.createNativeQuery("insert into message (id, pai_id, seq, sender_id, sender_kind, kind, text, mentions, created_at)"
                + " values (?1, ?2, ?3, ?4, 'USER', 'TEXT', ?5, '', now())")
                .setParameter(1, id).setParameter(2, paiId).setParameter(3, seq).setParameter(4, senderId).setParameter(5, text)
                .executeUpdate();
    }

    @Test
    void aClientFloodingFramesIsClosedWith4429AndTheOthersKeepReceiving() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);

        try (LiveClient flood = LiveClient.bySubprotocol(ws(), TestTokens.user(bob));
                LiveClient calm = LiveClient.bySubprotocol(ws(), TestTokens.user(alice))) {
            flood.await(f -> f.path("type").asText().equals("ready"), WAIT);
            calm.await(f -> f.path("type").asText().equals("ready"), WAIT);
            String resume = "{\"type\":\"resume\",\"paiId\":\"" + paiId + "\",\"afterSeq\":0}";
            int sent = 0;
            try {
                for (; sent < 2_000 && !flood.isClosed(); sent++) {
                    flood.send(resume);
                }
            } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                // the server closed the socket between two frames
            }
            assertThat(flood.awaitClose(WAIT)).isEqualTo(4429);
            assertThat(sent).as("frames sent before the close").isGreaterThan(300);
            postUntilDelivered(bob, paiId, calm);
        }
    }

    @Test
    void aRemovedMemberIsClosedWith4403AndNoLongerReceivesThePai() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);

        try (LiveClient live = LiveClient.bySubprotocol(ws(), TestTokens.user(bob))) {
            live.await(f -> f.path("type").asText().equals("ready"), WAIT);
            postUntilDelivered(alice, paiId, live);
            as(alice).delete("/api/chat/pais/" + paiId + "/members/" + bob).then().statusCode(204);
            assertThat(live.awaitClose(WAIT)).isEqualTo(4403);
        }
        try (LiveClient again = LiveClient.bySubprotocol(ws(), TestTokens.user(bob))) {
            var ready = again.await(f -> f.path("type").asText().equals("ready"), WAIT);
            assertThat(ready.path("pais").toString()).doesNotContain(paiId);
            again.resume(paiId, 0);
            var error = again.await(f -> f.path("type").asText().equals("error"), WAIT);
            assertThat(error.get("code").asText()).isEqualTo("NOT_A_MEMBER");
            post(alice, paiId, "bob is gone");
            again.send("{\"type\":\"nonsense\"}");
            again.await(f -> f.path("code").asText().equals("INVALID_FRAME"), WAIT);
            assertThat(again.seqs(paiId)).isEmpty();
        }
    }

    @Test
    void connectionsAndDeliveryLagAreMetered() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        try (LiveClient live = LiveClient.bySubprotocol(ws(), TestTokens.user(alice))) {
            live.await(f -> f.path("type").asText().equals("ready"), WAIT);
            postUntilDelivered(alice, paiId, live);
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("pai_chat_websocket_connections"))
                    .body(containsString("pai_chat_delivery_lag_seconds_count"));
        }
    }

    /**
     * The live consumer joins its group some time after start; until then a message only reaches
     * history. Returns the first seq the client got live.
     */
    private static long postUntilDelivered(String userId, String paiId, LiveClient live) {
        for (int attempt = 0; attempt < 60; attempt++) {
            long seq = post(userId, paiId, "warm-up " + attempt);
            try {
                live.await(f -> f.path("seq").asLong() == seq && paiId.equals(f.path("paiId").asText()), Duration.ofMillis(1500));
                return live.seqs(paiId).get(0);
            } catch (AssertionError notYet) {
                // not assigned yet
            }
        }
        throw new AssertionError("no live delivery within 30 s");
    }

    private static long post(String userId, String paiId, String text) {
        return ((Number) as(userId).body("{\"clientMsgId\":\"c" + CLIENT_MSG.incrementAndGet() + "\",\"kind\":\"TEXT\",\"text\":\"" + text + "\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201).extract().path("seq")).longValue();
    }

    private static String token(String userId, Duration ttl) {
        return DevTokens.mint(DevKeys.loadOrCreate(Path.of("target", "test-keys")).getPrivate(), userId, false, ttl);
    }

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }
}
