package pai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import pai.platform.testing.LiveClient;

/**
 * Real WebSocket clients on two chat-service processes, 24 pais (so that partition luck cannot
 * pass it): each client gets every message of its pais once and in order wherever it was posted,
 * a dropped client resumes on the other instance, a bad token gets 4401, and a member removed on
 * one instance is closed with 4403 on the other at once.
 */
class ChatLiveIT {
    private static final int PAIS = 24;
    private static final int USERS = 16;
    private static final int MESSAGES_PER_PAI = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger CLIENT_MSG = new AtomicInteger();

    @RegisterExtension
    static final ServiceInstances chat = ServiceInstances.twoOf("chat-service", Map.of("pai.chat.sends-per-window", "100000"));

    /** Each instance's live consumer joins its own group after start: wait until both deliver. */
    @BeforeAll
    static void awaitLiveConsumers() {
        String owner = "warmup-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            String paiId = createPai(chat.first(), owner);
            try (LiveClient onFirst = connect(chat.first(), token(owner)); LiveClient onSecond = connect(chat.second(), token(owner))) {
                onFirst.await(f -> "ready".equals(f.path("type").asText()), WAIT);
                onSecond.await(f -> "ready".equals(f.path("type").asText()), WAIT);
                for (int attempt = 0; attempt < 120; attempt++) {
                    long seq = post(chat.first(), owner, paiId, "warm-up");
                    try {
                        onFirst.await(f -> f.path("seq").asLong() == seq, Duration.ofMillis(500));
                        onSecond.await(f -> f.path("seq").asLong() == seq, Duration.ofMillis(500));
                        return;
                    } catch (AssertionError notYet) {
                        // a consumer has no partitions yet
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("live delivery did not start on both instances");
    }

    @Test
    void everyClientGetsEveryMessageOfItsPaisOnceInOrderAndResumesAfterADrop() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add("u" + u + "-" + run);
        }
        Map<String, List<String>> membersByPai = new LinkedHashMap<>();
        for (int p = 0; p < PAIS; p++) {
            List<String> members = List.of(users.get(p % USERS), users.get((p + 3) % USERS), users.get((p + 7) % USERS));
            String paiId = createPai(chat.byTurn(p), members.get(0));
            String code = inviteCode(chat.byTurn(p), members.get(0), paiId);
            join(chat.byTurn(p + 1), members.get(1), code);
            join(chat.byTurn(p), members.get(2), code);
            membersByPai.put(paiId, members);
        }
        Map<String, LiveClient> clients = new LinkedHashMap<>();
        for (int u = 0; u < USERS; u++) {
            LiveClient client = connect(chat.byTurn(u), ItEnvironment.bearer(users.get(u)).substring("Bearer ".length()));
            client.await(f -> "ready".equals(f.path("type").asText()), WAIT);
            clients.put(users.get(u), client);
        }

        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        int p = 0;
        for (var pai : membersByPai.entrySet()) {
            int paiIndex = p++;
            done.add(senders.submit(() -> {
                for (int m = 0; m < MESSAGES_PER_PAI; m++) {
                    post(chat.byTurn(paiIndex + m), pai.getValue().get(m % 3), pai.getKey(), "m" + m);
                }
                return null;
            }));
        }
        for (Future<?> sent : done) {
            sent.get(3, TimeUnit.MINUTES);
        }
        senders.shutdown();

        List<Long> all = LongStream.rangeClosed(1, MESSAGES_PER_PAI).boxed().toList();
        for (var pai : membersByPai.entrySet()) {
            for (String member : pai.getValue()) {
                LiveClient client = clients.get(member);
                client.await(f -> pai.getKey().equals(f.path("paiId").asText()) && f.path("seq").asLong() == MESSAGES_PER_PAI, WAIT);
                assertThat(client.seqs(pai.getKey())).as("%s in pai %s", member, pai.getKey()).isEqualTo(all);
            }
        }

        // user 0 drops its connection to the first instance, misses five messages per pai, resumes on the second
        String dropped = users.get(0);
        clients.remove(dropped).close();
        List<String> itsPais = membersByPai.entrySet().stream().filter(e -> e.getValue().contains(dropped)).map(Map.Entry::getKey).toList();
        assertThat(itsPais).hasSizeGreaterThanOrEqualTo(2);
        for (String paiId : itsPais) {
            for (int m = 0; m < 5; m++) {
                post(chat.byTurn(m), membersByPai.get(paiId).get(1), paiId, "while away " + m);
            }
        }
        try (LiveClient back = connect(chat.second(), ItEnvironment.bearer(dropped).substring("Bearer ".length()))) {
            back.await(f -> "ready".equals(f.path("type").asText()), WAIT);
            for (String paiId : itsPais) {
                back.resume(paiId, MESSAGES_PER_PAI);
            }
            for (String paiId : itsPais) {
                var resumed = back.await(f -> "resumed".equals(f.path("type").asText()) && paiId.equals(f.path("paiId").asText()), WAIT);
                assertThat(resumed.get("lastSeq").asLong()).isEqualTo(MESSAGES_PER_PAI + 5);
                post(chat.first(), membersByPai.get(paiId).get(2), paiId, "live again");
            }
            for (String paiId : itsPais) {
                back.await(f -> paiId.equals(f.path("paiId").asText()) && f.path("seq").asLong() == MESSAGES_PER_PAI + 6, WAIT);
                assertThat(back.seqs(paiId)).isEqualTo(LongStream.rangeClosed(MESSAGES_PER_PAI + 1, MESSAGES_PER_PAI + 6).boxed().toList());
            }
        }
        clients.values().forEach(LiveClient::close);
    }

    @Test
    void aBadTokenIsClosedWith4401OnEitherInstance() {
        try (LiveClient onFirst = connect(chat.first(), "not.a.token"); LiveClient onSecond = connect(chat.second(), "x.y.z")) {
            assertThat(onFirst.awaitClose(WAIT)).isEqualTo(4401);
            assertThat(onSecond.awaitClose(WAIT)).isEqualTo(4401);
        }
    }

    @Test
    void aMemberRemovedOnOneInstanceIsClosedWith4403OnTheOtherAndReceivesNoMore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String owner = "owner-" + run;
        String bob = "bob-" + run;
        String carol = "carol-" + run;
        String paiId = createPai(chat.first(), owner);
        String code = inviteCode(chat.first(), owner, paiId);
        join(chat.first(), bob, code);
        join(chat.first(), carol, code);

        try (LiveClient bobLive = connect(chat.second(), token(bob)); LiveClient carolLive = connect(chat.first(), token(carol))) {
            bobLive.await(f -> "ready".equals(f.path("type").asText()), WAIT);
            carolLive.await(f -> "ready".equals(f.path("type").asText()), WAIT);
            long seq = post(chat.first(), owner, paiId, "before");
            bobLive.await(f -> f.path("seq").asLong() == seq, WAIT);

            send(chat.first(), owner, "DELETE", "/api/chat/pais/" + paiId + "/members/" + bob, null, 204);
            long removedAt = System.nanoTime();
            assertThat(bobLive.awaitClose(WAIT)).isEqualTo(4403);
            assertThat(Duration.ofNanos(System.nanoTime() - removedAt)).isLessThan(Duration.ofSeconds(3));

            try (LiveClient bobAgain = connect(chat.second(), token(bob))) {
                var ready = bobAgain.await(f -> "ready".equals(f.path("type").asText()), WAIT);
                assertThat(ready.path("pais").toString()).doesNotContain(paiId);
                long after = post(chat.second(), owner, paiId, "after");
                carolLive.await(f -> f.path("seq").asLong() == after, WAIT);
                bobAgain.resume(paiId, 0);
                bobAgain.await(f -> "NOT_A_MEMBER".equals(f.path("code").asText()), WAIT);
                assertThat(bobAgain.seqs(paiId)).isEmpty();
            }
        }
    }

    private static String token(String userId) {
        return ItEnvironment.bearer(userId).substring("Bearer ".length());
    }

    private static String createPai(ServiceProcess instance, String owner) throws Exception {
        return JSON.readTree(send(instance, owner, "POST", "/api/chat/pais", "{\"name\":\"直播群\"}", 201)).get("id").asText();
    }

    private static String inviteCode(ServiceProcess instance, String owner, String paiId) throws Exception {
        return JSON.readTree(send(instance, owner, "GET", "/api/chat/pais/" + paiId, null, 200)).get("inviteCode").asText();
    }

    private static void join(ServiceProcess instance, String userId, String code) throws Exception {
        send(instance, userId, "POST", "/api/chat/pais/join", "{\"inviteCode\":\"" + code + "\"}", 200);
    }

    private static long post(ServiceProcess instance, String userId, String paiId, String text) throws Exception {
        String body = "{\"clientMsgId\":\"c" + CLIENT_MSG.incrementAndGet() + "\",\"kind\":\"TEXT\",\"text\":\"" + text + "\"}";
        return JSON.readTree(send(instance, userId, "POST", "/api/chat/pais/" + paiId + "/messages", body, 201)).get("seq").asLong();
    }

    private static String send(ServiceProcess instance, String userId, String method, String path, String body,
            int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", ItEnvironment.bearer(userId))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body();
    }

    /** A client of one instance, authenticated by the subprotocol pair. */
    static LiveClient connect(ServiceProcess instance, String jwt) {
        return LiveClient.bySubprotocol(URI.create(instance.baseUrl().replaceFirst("^http", "ws") + "/api/chat/ws"), jwt);
    }
}
