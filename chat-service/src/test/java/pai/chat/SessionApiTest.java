package pai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static pai.chat.ChatApi.paiWith;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.net.URI;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pai.events.Topics;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MessageKind;
import pai.events.chat.PlaybackCard;
import pai.events.chat.PlaybackKind;
import pai.events.chat.SenderKind;
import pai.platform.testing.LiveClient;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TestTokens;
import pai.platform.testing.TopicWatcher;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SessionApiTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/chat/ws")
    URI http;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "pai.deployment")
    String deployment;

    @Test
    void theHostControlsUntilHandingOverAndEveryChangeReachesMembersWithTheServerTime() throws InterruptedException {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);
        String sessions = "/api/chat/pais/" + paiId + "/sessions";

        try (LiveClient bobLive = LiveClient.bySubprotocol(URI.create(http.toString().replaceFirst("^http", "ws")), TestTokens.user(bob))) {
            bobLive.await(f -> "ready".equals(f.path("type").asText()), WAIT);
            String sessionId = as(alice).body("{\"kind\":\"WATCH\",\"mediaUrl\":\"https://video.example/movie.mp4\",\"title\":\"周末电影\"}")
                    .post(sessions).then().statusCode(201)
                    .body("hostId", equalTo(alice)).body("controllerId", equalTo(alice))
                    .body("playing", equalTo(false)).body("positionMs", equalTo(0))
                    .extract().path("sessionId");
            String control = sessions + "/" + sessionId + "/control";

            as(bob).body("{\"action\":\"PLAY\"}").post(control).then().statusCode(403).body("code", equalTo("NOT_CONTROLLER"));
            long before = System.currentTimeMillis();
            as(alice).body("{\"action\":\"PLAY\",\"positionMs\":1000}").post(control).then().statusCode(200)
                    .body("playing", equalTo(true)).body("positionMs", equalTo(1000));
            var played = bobLive.await(f -> "playback".equals(f.path("type").asText()) && f.path("playing").asBoolean(), WAIT);
            assertThat(played.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(played.get("serverTimeMs").asLong()).isGreaterThanOrEqualTo(before);
            assertThat(played.get("positionMs").asLong()).isBetween(1000L, 1000L + WAIT.toMillis());

            Thread.sleep(300);
            as(bob).get(sessions).then().statusCode(200).body("positionMs", greaterThanOrEqualTo(1300))
                    .body("playing", equalTo(true)).body("controllerId", equalTo(alice));

            as(alice).body("{\"action\":\"HAND_OVER\",\"to\":\"" + bob + "\"}").post(control).then().statusCode(200)
                    .body("controllerId", equalTo(bob));
            as(alice).body("{\"action\":\"PAUSE\"}").post(control).then().statusCode(403).body("code", equalTo("NOT_CONTROLLER"));
            as(bob).body("{\"action\":\"SEEK\",\"positionMs\":60000}").post(control).then().statusCode(200)
                    .body("positionMs", greaterThanOrEqualTo(60000)).body("playing", equalTo(true));
            as(bob).body("{\"action\":\"PAUSE\",\"positionMs\":61000}").post(control).then().statusCode(200)
                    .body("playing", equalTo(false)).body("positionMs", equalTo(61000));
            bobLive.await(f -> "playback".equals(f.path("type").asText()) && f.path("positionMs").asLong() == 61000
                    && !f.path("playing").asBoolean(), WAIT);

            as(bob).body("{\"action\":\"END\"}").post(control).then().statusCode(200).body("ended", equalTo(true));
            bobLive.await(f -> "playback".equals(f.path("type").asText()) && f.path("ended").asBoolean(), WAIT);
            as(alice).get(sessions).then().statusCode(404).body("code", equalTo("NO_SESSION"));
            as(alice).body("{\"action\":\"PLAY\"}").post(control).then().statusCode(404).body("code", equalTo("SESSION_NOT_FOUND"));
        }
        String stored = redis.value(String.class).get("pai:chat:playback:" + deployment + ":" + paiId);
        assertThat(stored).contains("\"ended\":true");
        as(alice).get("/api/chat/pais/" + paiId + "/messages").then().statusCode(200)
                .body("items[0].kind", equalTo("PLAYBACK")).body("items[0].senderKind", equalTo("SYSTEM"))
                .body("items[0].attachment.mediaUrl", equalTo("https://video.example/movie.mp4"));
    }

    @Test
    void theSessionCardReachesKafkaAndTheWebSocketWithItsSession() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);

        try (TopicWatcher published = TopicWatcher.watch(Topics.CHAT_MESSAGES);
                LiveClient bobLive = LiveClient.bySubprotocol(URI.create(http.toString().replaceFirst("^http", "ws")), TestTokens.user(bob))) {
            bobLive.await(f -> "ready".equals(f.path("type").asText()) && f.path("pais").toString().contains(paiId), WAIT);
            String sessionId = as(alice).body("{\"kind\":\"LISTEN\",\"mediaUrl\":\"https://music.example/song.mp3\",\"title\":\"一起听\"}")
                    .post("/api/chat/pais/" + paiId + "/sessions").then().statusCode(201).extract().path("sessionId");
            PlaybackCard expected = new PlaybackCard(sessionId, PlaybackKind.LISTEN, "https://music.example/song.mp3", "一起听", alice);

            var card = (ChatMessagePosted) published.await(e -> e.key().equals(paiId)
                    && ((ChatMessagePosted) e.data()).kind() == MessageKind.PLAYBACK, WAIT).data();
            assertThat(card.senderKind()).isEqualTo(SenderKind.SYSTEM);
            assertThat(card.senderId()).isEqualTo(alice);
            assertThat(card.playback()).isEqualTo(expected);
            assertThat(card.packet()).isNull();

            var pushed = bobLive.await(f -> "message".equals(f.path("type").asText()) && "PLAYBACK".equals(f.path("kind").asText()), WAIT);
            assertThat(pushed.get("seq").asLong()).isEqualTo(card.seq());
            assertThat(pushed.at("/attachment/sessionId").asText()).isEqualTo(sessionId);
            assertThat(pushed.at("/attachment/kind").asText()).isEqualTo("LISTEN");
            assertThat(pushed.at("/attachment/mediaUrl").asText()).isEqualTo("https://music.example/song.mp3");
            assertThat(pushed.at("/attachment/title").asText()).isEqualTo("一起听");
            assertThat(pushed.at("/attachment/hostId").asText()).isEqualTo(alice);
        }
        String current = as(bob).get("/api/chat/pais/" + paiId + "/sessions").then().statusCode(200).extract().path("sessionId");
        as(bob).get("/api/chat/pais/" + paiId + "/messages").then().statusCode(200)
                .body("items[0].kind", equalTo("PLAYBACK")).body("items[0].attachment.sessionId", equalTo(current))
                .body("items[0].attachment.kind", equalTo("LISTEN"));
    }

    @Test
    void onePaiHasOneSessionAndBadInputNamesTheField() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String paiId = paiWith(alice, bob);
        String sessions = "/api/chat/pais/" + paiId + "/sessions";
        as(alice).get(sessions).then().statusCode(404).body("code", equalTo("NO_SESSION"));

        as(alice).body("{\"kind\":\"SING\",\"mediaUrl\":\"https://a.example/x\",\"title\":\"t\"}").post(sessions)
                .then().statusCode(400).body("field", equalTo("kind"));
        as(alice).body("{\"kind\":\"LISTEN\",\"mediaUrl\":\"ftp://a.example/x\",\"title\":\"t\"}").post(sessions)
                .then().statusCode(400).body("field", equalTo("mediaUrl"));
        as(alice).body("{\"kind\":\"LISTEN\",\"mediaUrl\":\"https://a.example/x\"}").post(sessions)
                .then().statusCode(400).body("field", equalTo("title"));
        String sessionId = as(alice).body("{\"kind\":\"LISTEN\",\"mediaUrl\":\"https://a.example/song.mp3\",\"title\":\"一起听\"}")
                .post(sessions).then().statusCode(201).extract().path("sessionId");
        as(bob).body("{\"kind\":\"WATCH\",\"mediaUrl\":\"https://a.example/x\",\"title\":\"t\"}").post(sessions)
                .then().statusCode(409).body("code", equalTo("SESSION_ACTIVE"));

        String control = sessions + "/" + sessionId + "/control";
        as(alice).body("{\"action\":\"SEEK\"}").post(control).then().statusCode(400).body("field", equalTo("positionMs"));
        as(alice).body("{\"action\":\"SEEK\",\"positionMs\":-1}").post(control).then().statusCode(400).body("field", equalTo("positionMs"));
        as(alice).body("{\"action\":\"SEEK\",\"positionMs\":1.5}").post(control).then().statusCode(400).body("field", equalTo("positionMs"));
        as(alice).body("{\"action\":\"HAND_OVER\",\"to\":\"" + newUser("outsider") + "\"}").post(control)
                .then().statusCode(400).body("field", equalTo("to"));
        as(alice).body("{\"action\":\"REWIND\"}").post(control).then().statusCode(400).body("field", equalTo("action"));

        String stranger = newUser("stranger");
        as(stranger).get(sessions).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(stranger).body("{\"kind\":\"WATCH\",\"mediaUrl\":\"https://a.example/x\",\"title\":\"t\"}").post(sessions)
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(stranger).body("{\"action\":\"PLAY\"}").post(control).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(bob).get(sessions).then().statusCode(200).body("sessionId", equalTo(sessionId)).body("kind", equalTo("LISTEN"));
    }
}
