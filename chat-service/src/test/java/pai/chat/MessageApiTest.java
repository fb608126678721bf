package pai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pai.chat.ChatApi.createPai;
import static pai.chat.ChatApi.inviteCodeOf;
import static pai.chat.ChatApi.join;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.Topics;
import pai.events.chat.ChatMessagePosted;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class MessageApiTest {

    @Test
    void aPostedMessageGetsTheNextSeqAndReachesKafkaWithItsMentions() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        try (TopicWatcher messages = TopicWatcher.watch(Topics.CHAT_MESSAGES)) {
            as(alice).body("{\"clientMsgId\":\"c1\",\"kind\":\"TEXT\",\"text\":\"第一条\"}")
                    .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201).body("seq", equalTo(1));
            String id = as(alice)
                    .body("{\"clientMsgId\":\"c2\",\"kind\":\"TEXT\",\"text\":\"hi @summarizer and @bob.li\",\"replyToSeq\":1}")
                    .post("/api/chat/pais/" + paiId + "/messages")
                    .then().statusCode(201)
                    .body("seq", equalTo(2))
                    .body("senderKind", equalTo("USER"))
                    .body("mentions", equalTo(List.of("summarizer", "bob.li")))
                    .body("replyToSeq", equalTo(1))
                    .extract().path("id");

            var event = messages.await(e -> e.id().equals(id), Duration.ofSeconds(20));
            var posted = (ChatMessagePosted) event.data();
            assertThat(event.key()).isEqualTo(paiId);
            assertThat(posted.seq()).isEqualTo(2);
            assertThat(posted.mentions()).containsExactly("summarizer", "bob.li");
        }
    }

    @Test
    void retryingTheSameClientMsgIdReturnsTheOriginalWithoutADuplicate() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        String body = "{\"clientMsgId\":\"same\",\"kind\":\"TEXT\",\"text\":\"once\"}";
        String first = as(alice).body(body).post("/api/chat/pais/" + paiId + "/messages")
                .then().statusCode(201).extract().path("id");
        as(alice).body(body).post("/api/chat/pais/" + paiId + "/messages")
                .then().statusCode(200).body("id", equalTo(first)).body("seq", equalTo(1));

        as(alice).get("/api/chat/pais/" + paiId + "/messages")
                .then().statusCode(200).body("items.id", equalTo(List.of(first)));
    }

    @Test
    void copiesOfOneClientMsgIdSentAtOnceStoreOneMessageAndLeaveNoGap() throws Exception {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        String path = "/api/chat/pais/" + paiId + "/messages";
        String body = "{\"clientMsgId\":\"raced\",\"kind\":\"TEXT\",\"text\":\"once, eight times at once\"}";
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<io.restassured.response.Response>> copies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                copies.add(senders.submit(() -> {
                    start.await();
                    return as(alice).body(body).post(path);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (var copy : copies) {
                var answer = copy.get(30, TimeUnit.SECONDS);
                statuses.add(answer.statusCode());
                ids.add(answer.path("id"));
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(ids).hasSize(1);
        } finally {
            senders.shutdownNow();
        }
        as(alice).body("{\"clientMsgId\":\"after\",\"kind\":\"TEXT\",\"text\":\"next\"}").post(path)
                .then().statusCode(201).body("seq", equalTo(2));
        as(alice).get(path + "?afterSeq=0").then().statusCode(200).body("items.seq", equalTo(List.of(1, 2)));
    }

    @Test
    void historyPagesBothWays() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        for (int i = 1; i <= 5; i++) {
            as(alice).body("{\"clientMsgId\":\"m" + i + "\",\"kind\":\"TEXT\",\"text\":\"n" + i + "\"}")
                    .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201);
        }
        as(alice).get("/api/chat/pais/" + paiId + "/messages?limit=2")
                .then().statusCode(200).body("items.seq", equalTo(List.of(5, 4))).body("hasMore", equalTo(true));
        as(alice).get("/api/chat/pais/" + paiId + "/messages?beforeSeq=4&limit=5")
                .then().statusCode(200).body("items.seq", equalTo(List.of(3, 2, 1))).body("hasMore", equalTo(false));
        as(alice).get("/api/chat/pais/" + paiId + "/messages?afterSeq=2&limit=2")
                .then().statusCode(200).body("items.seq", equalTo(List.of(3, 4))).body("hasMore", equalTo(true));
        as(alice).get("/api/chat/pais/" + paiId + "/messages?afterSeq=2&beforeSeq=4")
                .then().statusCode(400).body("field", equalTo("afterSeq"));
        as(alice).get("/api/chat/pais/" + paiId + "/messages?limit=201")
                .then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void onlyMembersPostAndRead() {
        String owner = newUser("owner");
        String paiId = createPai(owner);
        String outsider = newUser("outsider");
        as(outsider).body("{\"clientMsgId\":\"x\",\"kind\":\"TEXT\",\"text\":\"let me in\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(outsider).get("/api/chat/pais/" + paiId + "/messages").then().statusCode(403);

        join(outsider, inviteCodeOf(owner, paiId));
        as(outsider).body("{\"clientMsgId\":\"x\",\"kind\":\"TEXT\",\"text\":\"hello\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201).body("seq", equalTo(1));
    }

    @Test
    void badMessagesAre400NamingTheFieldAndTakeNoSeq() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        String path = "/api/chat/pais/" + paiId + "/messages";
        as(alice).body("{\"clientMsgId\":\"a\",\"kind\":\"TEXT\",\"text\":\"\"}").post(path)
                .then().statusCode(400).body("field", equalTo("text"));
        as(alice).body("{\"clientMsgId\":\"a\",\"kind\":\"TEXT\",\"text\":\"" + "字".repeat(4001) + "\"}").post(path)
                .then().statusCode(400).body("field", equalTo("text"));
        as(alice).body("{\"clientMsgId\":\"a\",\"kind\":\"SUMMARY\",\"text\":\"x\"}").post(path)
                .then().statusCode(400).body("field", equalTo("kind"));
        as(alice).body("{\"clientMsgId\":\"a\",\"kind\":\"TEXT\",\"text\":\"x\",\"replyToSeq\":\"1\"}").post(path)
                .then().statusCode(400).body("field", equalTo("replyToSeq"));
        as(alice).body("{\"clientMsgId\":\"a\",\"kind\":\"TEXT\",\"text\":\"x\",\"replyToSeq\":1.5}").post(path)
                .then().statusCode(400).body("field", equalTo("replyToSeq"));
        as(alice).body("{\"clientMsgId\":\"a\",\"kind\":\"TEXT\",\"text\":\"x\",\"replyToSeq\":7}").post(path)
                .then().statusCode(400).body("field", equalTo("replyToSeq"));
        as(alice).body("{\"kind\":\"TEXT\",\"text\":\"x\"}").post(path)
                .then().statusCode(400).body("field", equalTo("clientMsgId"));
        as(alice).body("{\"clientMsgId\":\"a\",\"kind\":\"IMAGE\"}").post(path)
                .then().statusCode(400).body("field", equalTo("mediaId"));

        as(alice).body("{\"clientMsgId\":\"ok\",\"kind\":\"TEXT\",\"text\":\"4000 字 is fine\"}").post(path)
                .then().statusCode(201).body("seq", equalTo(1));
    }

    @Test
    void sendingPastThePerUserLimitIs429WithRetryAfterAndStoresNothing() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        int created = 0;
        io.restassured.response.Response refused = null;
        // The window is a fixed minute: crossing its boundary mid-test resets the count, hence twice the limit.
        for (int i = 0; i < 120 && refused == null; i++) {
            var response = as(alice).body("{\"clientMsgId\":\"r" + i + "\",\"kind\":\"TEXT\",\"text\":\"n\"}")
                    .post("/api/chat/pais/" + paiId + "/messages");
            if (response.statusCode() == 201) {
                created++;
            } else {
                refused = response;
            }
        }
        assertThat(refused).as("a 429 within twice the limit").isNotNull();
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 61);
        as(alice).get("/api/chat/pais/" + paiId + "/messages?limit=1")
                .then().statusCode(200).body("items[0].seq", equalTo(created));
    }
}
