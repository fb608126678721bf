package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import pai.events.Topics;
import pai.platform.testing.TopicWatcher;

/**
 * A chat-service process commits a message but dies (SIGKILL) before it reaches Kafka: its outbox
 * producer points at a broker that does not answer, so the commit happened and the send never did.
 * A fresh process publishes the committed message, exactly once.
 */
class ChatCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aMessageCommittedByAProcessKilledBeforeTheKafkaSendIsPublishedOnceAfterRestart() throws Exception {
        ServiceProcess armed = ServiceProcess.start("chat-service", Map.of(
                "mp.messaging.outgoing.outbox.bootstrap.servers", "127.0.0.1:1",
                "mp.messaging.outgoing.outbox.max.block.ms", "500",
                "mp.messaging.outgoing.outbox.health-enabled", "false"));
        ServiceProcess successor = null;
        try (TopicWatcher published = TopicWatcher.watch(Topics.CHAT_MESSAGES)) {
            String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
            String paiId = call(armed, alice, "/api/chat/pais", "{\"name\":\"崩溃群\"}", 201).get("id").asText();
            String messageId = call(armed, alice, "/api/chat/pais/" + paiId + "/messages",
                    "{\"clientMsgId\":\"c1\",\"kind\":\"TEXT\",\"text\":\"committed, not sent\"}", 201).get("id").asText();
            assertThat(outboxRows(messageId)).as("committed and waiting in the outbox").isOne();

            armed.kill();
            assertThat(published.drain(Duration.ofSeconds(1)).stream().filter(e -> e.id().equals(messageId))).isEmpty();

            successor = ServiceProcess.start("chat-service");
            published.await(e -> e.id().equals(messageId), Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(messageId) == 0);
            long copies = published.drain(Duration.ofSeconds(3)).stream().filter(e -> e.id().equals(messageId)).count();
            assertThat(copies).isOne();
            assertThat(call(successor, alice, "/api/chat/pais/" + paiId + "/messages", null, 200).get("items").get(0)
                    .get("id").asText()).isEqualTo(messageId);
        } finally {
            armed.close();
            if (successor != null) {
                successor.close();
            }
        }
    }

    private static long outboxRows(String eventId) throws Exception {
        try (Connection db = ItEnvironment.database("chat");
                PreparedStatement query = db.prepareStatement("select count(*) from outbox_event where event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static JsonNode call(ServiceProcess instance, String userId, String path, String body, int expectedStatus)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", ItEnvironment.bearer(userId))
                .header("Content-Type", "application/json")
                .method(body == null ? "GET" : "POST",
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
