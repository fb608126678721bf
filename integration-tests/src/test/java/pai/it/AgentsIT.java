package pai.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import pai.platform.testing.LiveClient;

/**
 * The agents as members of a pai, with chat-service and agent-service as real processes over the real
 * broker: what a member types reaches agent-service, the agent's answer comes back through
 * {@code pai.agent.replies} and is stored and delivered by chat-service like any member's message.
 */
class AgentsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final ServiceInstances services = new ServiceInstances();
    private static ServiceProcess chat;
    private static ServiceProcess agent;

    @BeforeAll
    static void startServices() {
        chat = services.start("chat-service");
        agent = services.start("agent-service", Map.of("pai.agent.chat.base-url", chat.baseUrl()));
    }

    @Test
    void mentioningTheSummarizerPostsASummaryMessageThatArrivesLive() {
        String alice = user("alice");
        String bob = user("bob");
        String paiId = paiWith(alice, bob);
        enable(alice, paiId, "summarizer");
        List<String> talk = List.of("大家好", "周六我们去爬香山吧，早上八点在北宫门集合",
                "好啊，我带水和面包", "天气预报说周六晴天，适合爬山", "哈哈哈", "记得穿运动鞋，山上路滑",
                "爬完山中午在山下吃烤鸭", "我会开车，可以带三个人");
        for (int i = 0; i < talk.size(); i++) {
            say(i % 2 == 0 ? alice : bob, paiId, talk.get(i), null);
        }

        try (LiveClient live = LiveClient.bySubprotocol(
                java.net.URI.create(chat.baseUrl().replaceFirst("^http", "ws") + "/api/chat/ws"),
                ItEnvironment.bearer(bob).substring("Bearer ".length()))) {
            live.await(frame -> "ready".equals(frame.path("type").asText()), WAIT);
            long ask = say(alice, paiId, "@summarizer 总结一下", null);

            JsonNode summary = live.await(frame -> "SUMMARY".equals(frame.path("kind").asText())
                    && paiId.equals(frame.path("paiId").asText()), WAIT);
            assertThat(summary.path("senderKind").asText()).isEqualTo("AGENT");
            assertThat(summary.path("senderId").asText()).isEqualTo("summarizer");
            assertThat(summary.path("replyToSeq").asLong()).isEqualTo(ask);
            JsonNode card = summary.path("attachment").path("summary");
            assertThat(card.path("fromSeq").asLong()).isEqualTo(1);
            assertThat(card.path("toSeq").asLong()).isEqualTo(ask - 1);
            JsonNode keyPoints = card.path("keyPoints");
            assertThat(keyPoints.size()).isBetween(1, 6);
            for (JsonNode point : keyPoints) {
                long seq = point.path("seq").asLong();
                String said = talk.get((int) seq - 1);
                assertThat(said).contains(point.path("text").asText());
                assertThat(point.path("senderId").asText()).isEqualTo((seq - 1) % 2 == 0 ? alice : bob);
                assertThat(point.path("text").asText()).isNotIn("大家好", "哈哈哈");
            }
        }
        // Stored once, as the history shows it too.
        JsonPath history = messages(alice, paiId);
        assertThat(history.getList("items.findAll { it.kind == 'SUMMARY' }")).hasSize(1);
    }

    @Test
    void aCheckInTypedInTheChatIsAnsweredWithACheckinMessage() {
        String alice = user("alice");
        String paiId = paiWith(alice);
        enable(alice, paiId, "supervisor");
        as(alice).body("{\"kind\":\"FITNESS\",\"title\":\"每天跑步\",\"cadence\":\"DAILY\",\"remindAt\":\"21:00\","
                + "\"timezone\":\"Asia/Shanghai\"}").post(agent.baseUrl() + "/api/agents/pais/" + paiId + "/goals")
                .then().statusCode(201);

        long checkIn = say(alice, paiId, "#打卡 今天跑了五公里", null);

        JsonPath answered = awaitMessage(alice, paiId, "CHECKIN");
        assertThat(answered.getString("senderId")).isEqualTo("supervisor");
        assertThat(answered.getLong("replyToSeq")).isEqualTo(checkIn);
        assertThat(answered.getInt("attachment.checkin.streak")).isEqualTo(1);
        assertThat(answered.getInt("attachment.checkin.total")).isEqualTo(1);
        assertThat(answered.getString("attachment.checkin.userId")).isEqualTo(alice);
    }

    @Test
    void remixerCartoonInReplyToAnImagePostsAnImageThatDecodes() throws IOException {
        String alice = user("alice");
        String paiId = paiWith(alice);
        enable(alice, paiId, "remixer");
        String original = given().baseUri(chat.baseUrl()).header("Authorization", ItEnvironment.bearer(alice))
                .multiPart("file", "photo.png", photo(160, 120), "image/png")
                .post("/api/chat/media").then().statusCode(201).extract().path("mediaId");
        long imageSeq = as(alice).body("{\"clientMsgId\":\"img\",\"kind\":\"IMAGE\",\"mediaId\":\"" + original + "\"}")
                .post(chat.baseUrl() + "/api/chat/pais/" + paiId + "/messages").then().statusCode(201)
                .extract().jsonPath().getLong("seq");

        say(alice, paiId, "@remixer cartoon", imageSeq);

        JsonPath remixed = awaitMessage(alice, paiId, "IMAGE", "remixer");
        assertThat(remixed.getLong("replyToSeq")).isEqualTo(imageSeq);
        String mediaId = remixed.getString("mediaId");
        assertThat(mediaId).isNotEqualTo(original);
        String url = as(alice).get(chat.baseUrl() + "/api/chat/pais/" + paiId + "/media/" + mediaId).then()
                .statusCode(200).extract().path("url");
        byte[] png = given().baseUri(chat.baseUrl()).get(url).then().statusCode(200).extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(160);
        assertThat(image.getHeight()).isEqualTo(120);
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String userId) {
        return given().header("Authorization", ItEnvironment.bearer(userId)).contentType(ContentType.JSON);
    }

    private static String paiWith(String owner, String... members) {
        var created = as(owner).body("{\"name\":\"周末爬山群\"}").post(chat.baseUrl() + "/api/chat/pais")
                .then().statusCode(201).extract();
        String paiId = created.path("id");
        for (String member : members) {
            as(member).body("{\"inviteCode\":\"" + created.path("inviteCode") + "\"}")
                    .post(chat.baseUrl() + "/api/chat/pais/join").then().statusCode(200);
        }
        return paiId;
    }

    /** The owner switches the agent on, once agent-service knows from Kafka that they own the pai. */
    private static void enable(String owner, String paiId, String agentId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> as(owner).body("{\"enabled\":true}")
                .put(agent.baseUrl() + "/api/agents/pais/" + paiId + "/agents/" + agentId).statusCode() == 200);
    }

    private static long say(String userId, String paiId, String text, Long replyToSeq) {
        String body = "{\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"kind\":\"TEXT\",\"text\":\"" + text + "\""
                + (replyToSeq == null ? "" : ",\"replyToSeq\":" + replyToSeq) + "}";
        return as(userId).body(body).post(chat.baseUrl() + "/api/chat/pais/" + paiId + "/messages")
                .then().statusCode(201).extract().jsonPath().getLong("seq");
    }

    private static JsonPath messages(String userId, String paiId) {
        return as(userId).get(chat.baseUrl() + "/api/chat/pais/" + paiId + "/messages?afterSeq=0&limit=200")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitMessage(String userId, String paiId, String kind) {
        return awaitMessage(userId, paiId, kind, null);
    }

    private static JsonPath awaitMessage(String userId, String paiId, String kind, String senderId) {
        String match = "items.find { it.kind == '" + kind + "' && it.senderKind == 'AGENT'"
                + (senderId == null ? "" : " && it.senderId == '" + senderId + "'") + " }";
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> messages(userId, paiId).get(match) != null);
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                messages(userId, paiId).getMap(match)).toString());
    }

    /** A picture with shapes and a gradient, so that every style has edges and colours to work on. */
    private static byte[] photo(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x++) {
            g.setColor(new Color(x * 255 / width, 120, 255 - x * 255 / width));
            g.drawLine(x, 0, x, height);
        }
        g.setColor(Color.YELLOW);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
