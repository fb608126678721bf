package pai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import pai.events.Topics;
import pai.events.chat.ChatMessagePosted;
import pai.platform.testing.TopicWatcher;

/**
 * Two chat-service processes share one pai: 20 senders post 50 messages each, split between the
 * instances, and a third of the posts are sent twice at once (one copy to each instance) with the
 * same clientMsgId, as a client that timed out and retried would. The pai must end with seqs
 * 1..1000, no gap, no duplicate, and reach Kafka in that order.
 */
class ChatSeqIT {
    private static final int SENDERS = 20;
    private static final int MESSAGES_EACH = 50;
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // The per-user send limit is not under test here; 50 messages a minute would trip it.
    @RegisterExtension
    static final ServiceInstances chat = ServiceInstances.twoOf("chat-service", Map.of("pai.chat.sends-per-window", "100000"));

    @Test
    void concurrentSendersOnTwoInstancesWithRetriesGetSeqsOneToAThousandWithoutGapOrDuplicate() throws Exception {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String paiId = field(ID, send(chat.first(), owner, "POST", "/api/chat/pais", "{\"name\":\"并发群\"}", 201));
        String invite = send(chat.first(), owner, "GET", "/api/chat/pais/" + paiId, null, 200)
                .replaceAll(".*\"inviteCode\":\"([^\"]+)\".*", "$1");
        List<String> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            String sender = "sender" + s + "-" + UUID.randomUUID().toString().substring(0, 8);
            send(chat.byTurn(s), sender, "POST", "/api/chat/pais/join", "{\"inviteCode\":\"" + invite + "\"}", 200);
            senders.add(sender);
        }

        Map<String, List<String>> answersByClientMsgId = new ConcurrentHashMap<>();
        Map<String, Integer> createdByClientMsgId = new ConcurrentHashMap<>();
        try (TopicWatcher published = TopicWatcher.watch(Topics.CHAT_MESSAGES)) {
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int senderIndex = s;
                done.add(pool.submit(() -> {
                    for (int m = 0; m < MESSAGES_EACH; m++) {
                        String clientMsgId = senders.get(senderIndex) + "-" + m;
                        ServiceProcess target = chat.byTurn(senderIndex + m);
                        List<CompletableFuture<HttpResponse<String>>> copies = new ArrayList<>();
                        copies.add(post(target, senders.get(senderIndex), paiId, clientMsgId, m));
                        if (m % 3 == 0) {
                            copies.add(post(chat.other(target), senders.get(senderIndex), paiId, clientMsgId, m));
                        }
                        for (CompletableFuture<HttpResponse<String>> copy : copies) {
                            HttpResponse<String> response = copy.join();
                            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                            answersByClientMsgId.computeIfAbsent(clientMsgId, k -> new ArrayList<>())
                                    .add(field(ID, response.body()) + "@" + field(SEQ, response.body()));
                            if (response.statusCode() == 201) {
                                createdByClientMsgId.merge(clientMsgId, 1, Integer::sum);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : done) {
                sender.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(answersByClientMsgId).hasSize(SENDERS * MESSAGES_EACH);
            answersByClientMsgId.forEach((clientMsgId, answers) ->
                    assertThat(answers).as("every copy of %s answers with the same message", clientMsgId)
                            .allMatch(answers.get(0)::equals));
            assertThat(createdByClientMsgId).hasSize(SENDERS * MESSAGES_EACH).allSatisfy((id, created) -> assertThat(created).isOne());

            List<Long> expected = LongStream.rangeClosed(1, SENDERS * MESSAGES_EACH).boxed().toList();
            assertThat(storedSeqs(paiId)).isEqualTo(expected);

            published.await(e -> e.key().equals(paiId) && ((ChatMessagePosted) e.data()).seq() == expected.size(),
                    Duration.ofSeconds(60));
            List<Long> publishedSeqs = published.drain(Duration.ofSeconds(1)).stream()
                    .filter(e -> e.key().equals(paiId))
                    .map(e -> ((ChatMessagePosted) e.data()).seq())
                    .toList();
            assertThat(publishedSeqs).as("the pai's events on its partition, in offset order").isEqualTo(expected);
        }
    }

    private static List<Long> storedSeqs(String paiId) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection db = ItEnvironment.database("chat");
                PreparedStatement query = db.prepareStatement("select seq from message where pai_id = ? order by seq")) {
            query.setString(1, paiId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
        }
        return seqs;
    }

    private static CompletableFuture<HttpResponse<String>> post(ServiceProcess instance, String userId, String paiId,
            String clientMsgId, int n) {
        String body = "{\"clientMsgId\":\"" + clientMsgId + "\",\"kind\":\"TEXT\",\"text\":\"第" + n + "条\"}";
        return HTTP.sendAsync(request(instance, userId, "POST", "/api/chat/pais/" + paiId + "/messages", body),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String send(ServiceProcess instance, String userId, String method, String path, String body,
            int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(request(instance, userId, method, path, body),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body();
    }

    private static HttpRequest request(ServiceProcess instance, String userId, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", ItEnvironment.bearer(userId))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String field(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in " + json);
        }
        return matcher.group(1);
    }
}
