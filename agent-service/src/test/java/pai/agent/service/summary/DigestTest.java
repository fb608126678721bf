package pai.agent.service.summary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import pai.agent.domain.ChatLine;
import pai.events.EventEnvelope;
import pai.events.Topics;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.AgentReplyRequested;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MemberRole;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.PaiMembers;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TestTokens;
import pai.platform.testing.TopicWatcher;

/** The summarizer's opt-in daily digest: once the local time passes it, the day's talk, once per day. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class DigestTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    SummaryService summaries;

    @Test
    void theDigestComesOnceADayAfterItsLocalTimeAndCoversThatDaysTalk() {
        String paiId = UUID.randomUUID().toString();
        String owner = "owner-" + paiId.substring(0, 8);
        PaiMembers.announce(paiId, MemberRole.OWNER, owner);
        given().header("Authorization", TestTokens.bearer(owner)).contentType(ContentType.JSON)
                .body("{\"enabled\":true,\"settings\":{\"digestAt\":\"21:00\",\"timezone\":\"Europe/Berlin\"}}")
                .put("/api/agents/pais/" + paiId + "/agents/summarizer").then().statusCode(200);
        // A day far from the real clock, so that the running scheduler never digests it itself.
        List<String> yesterday = List.of("Dinner at Luigi's was great, thanks for organising");
        List<String> today = List.of("Let's meet Saturday at 8am at the north gate for the hike",
                "I will bring water and sandwiches for everyone", "lol", "Remember that the trail is muddy after the rain");
        publish(paiId, 1, yesterday.get(0), berlin("2031-05-05T19:00"));
        for (int i = 0; i < today.size(); i++) {
            publish(paiId, i + 2, today.get(i), berlin("2031-05-06T09:00").plusSeconds(60L * i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ChatLine.lastSeq(paiId)) == today.size() + 1);

        try (TopicWatcher replies = TopicWatcher.watch(Topics.AGENT_REPLIES)) {
            summaries.postDigestsAt(berlin("2031-05-06T20:59"));
            summaries.postDigestsAt(berlin("2031-05-06T21:01"));
            summaries.postDigestsAt(berlin("2031-05-06T23:30"));

            AgentReplyRequested digest = (AgentReplyRequested) replies.await(event -> event.data()
                    instanceof AgentReplyRequested reply && reply.paiId().equals(paiId), Duration.ofSeconds(30)).data();
            assertThat(digest.replyId()).isEqualTo("digest:" + paiId + ":2031-05-06");
            assertThat(digest.kind()).isEqualTo(AgentReplyKind.SUMMARY);
            assertThat(digest.card().summary().fromSeq()).isEqualTo(2);
            assertThat(digest.card().summary().toSeq()).isEqualTo(today.size() + 1);
            assertThat(digest.card().summary().keyPoints()).isNotEmpty()
                    .allSatisfy(point -> assertThat(today).anySatisfy(line -> assertThat(line).contains(point.text())));
            List<?> forThePai = replies.drain(Duration.ofSeconds(3)).stream()
                    .filter(event -> event.data() instanceof AgentReplyRequested reply && reply.paiId().equals(paiId)).toList();
            assertThat(forThePai).hasSize(1);
        }
    }

    private static void publish(String paiId, long seq, String text, Instant at) {
        EventPublisher.publish(EventEnvelope.of("chat-service", new ChatMessagePosted(UUID.randomUUID().toString(), paiId,
                seq, "alice", SenderKind.USER, MessageKind.TEXT, text, null, List.of(), null, null, null, null, at)));
    }

    private static Instant berlin(String localTime) {
        return LocalDateTime.parse(localTime).atZone(BERLIN).toInstant();
    }
}
