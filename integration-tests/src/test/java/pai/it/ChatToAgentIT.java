package pai.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;
import pai.events.Topics;
import pai.events.chat.ChatMessagePosted;
import pai.platform.testing.TopicWatcher;

/**
 * chat-service and agent-service as two real processes: a message stored by chat-service crosses
 * the real broker to agent-service, and the same event delivered again is applied once.
 */
class ChatToAgentIT {
    @RegisterExtension
    static final ServiceInstances services = new ServiceInstances();
    private static ServiceProcess chat;
    private static ServiceProcess agent;

    @BeforeAll
    static void startServices() {
        chat = services.start("chat-service");
        agent = services.start("agent-service");
    }

    @Test
    void aChatMessageReachesAgentServiceOnceEvenWhenDeliveredTwice() throws Exception {
        String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        String paiId = given().baseUri(chat.baseUrl()).header("Authorization", ItEnvironment.bearer(alice))
                .contentType(ContentType.JSON).body("{\"name\":\"读书会\"}")
                .post("/api/chat/pais").then().statusCode(201).extract().path("id");

        ConsumerRecord<String, byte[]> published;
        try (TopicWatcher messages = TopicWatcher.watch(Topics.CHAT_MESSAGES)) {
            given().baseUri(chat.baseUrl()).header("Authorization", ItEnvironment.bearer(alice))
                    .contentType(ContentType.JSON)
                    .body("{\"clientMsgId\":\"c-1\",\"kind\":\"TEXT\",\"text\":\"今天读完了第三章 @summarizer\"}")
                    .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201);
            var event = messages.await(e -> e.key().equals(paiId), Duration.ofSeconds(30));
            assertThat(((ChatMessagePosted) event.data()).seq()).isEqualTo(1);
            published = messages.records().stream().filter(r -> paiId.equals(r.key())).findFirst().orElseThrow();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> chatLines(paiId) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "OWNER".equals(memberRole(paiId, alice)));
        double duplicatesBefore = duplicates();

        redeliver(published);

        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > duplicatesBefore);
        assertThat(chatLines(paiId)).isEqualTo(1);
        try (Connection db = ItEnvironment.database("agent");
                PreparedStatement query = db.prepareStatement("select seq, sender_id, text, mentions from chat_line where pai_id = ?")) {
            query.setString(1, paiId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong("seq")).isEqualTo(1);
                assertThat(row.getString("sender_id")).isEqualTo(alice);
                assertThat(row.getString("text")).isEqualTo("今天读完了第三章 @summarizer");
                assertThat(row.getString("mentions")).isEqualTo("summarizer");
            }
        }
    }

    /** Sends the exact bytes chat-service published once more, as a broker redelivery would. */
    private static void redeliver(ConsumerRecord<String, byte[]> record) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicWatcher.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
        }
    }

    private static long chatLines(String paiId) throws SQLException {
        try (Connection db = ItEnvironment.database("agent");
                PreparedStatement query = db.prepareStatement("select count(*) from chat_line where pai_id = ?")) {
            query.setString(1, paiId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String memberRole(String paiId, String userId) throws SQLException {
        try (Connection db = ItEnvironment.database("agent");
                PreparedStatement query = db.prepareStatement("select role from pai_member where pai_id = ? and user_id = ?")) {
            query.setString(1, paiId);
            query.setString(2, userId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static final Pattern DUPLICATES = Pattern.compile(
            "pai_agent_events_total\\{channel=\"chat-messages\",outcome=\"duplicate\"[^}]*\\} ([0-9.Ee+-]+)");

    private double duplicates() {
        Matcher matcher = DUPLICATES.matcher(agent.get("/q/metrics"));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
