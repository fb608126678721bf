package pai.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static pai.chat.ChatApi.createPai;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.EventEnvelope;
import pai.events.Topics;
import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.AgentReplyRequested;
import pai.events.agent.KeyPoint;
import pai.events.agent.SummaryCard;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MessageKind;
import pai.events.chat.PacketCard;
import pai.events.chat.SenderKind;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;

/** Agent replies and red-packet cards arrive over the real broker and become messages once. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ServiceMessagesTest {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void anAgentReplyBecomesAnAgentMessageOnceEvenWhenDeliveredAgainOrResent() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        as(alice).body("{\"clientMsgId\":\"q\",\"kind\":\"TEXT\",\"text\":\"@summarizer /summary\"}")
                .post("/api/chat/pais/" + paiId + "/messages").then().statusCode(201);
        var reply = new AgentReplyRequested(UUID.randomUUID().toString(), paiId, "summarizer", AgentReplyKind.SUMMARY,
                "今天大家聊了跑步 @" + alice, null, 1L, AgentCard.of(new SummaryCard(1, 1, List.of(new KeyPoint(1, alice, "@summarizer /summary")))),
                Instant.now());
        var event = EventEnvelope.of("agent-service", reply);

        try (TopicWatcher published = TopicWatcher.watch(Topics.CHAT_MESSAGES)) {
            EventPublisher.publish(event);
            var posted = (ChatMessagePosted) published.await(e -> e.key().equals(paiId)
                    && ((ChatMessagePosted) e.data()).seq() == 2, WAIT).data();
            assertThat(posted.senderKind()).isEqualTo(SenderKind.AGENT);
            assertThat(posted.senderId()).isEqualTo("summarizer");
            assertThat(posted.kind()).isEqualTo(MessageKind.SUMMARY);
            assertThat(posted.mentions()).containsExactly(alice);
            assertThat(posted.agent().summary().keyPoints()).containsExactly(new KeyPoint(1, alice, "@summarizer /summary"));
        }

        EventPublisher.publish(event);
        EventPublisher.publish(EventEnvelope.of("agent-service", reply));
        String marker = publishAgentText(paiId, "marker");
        await().atMost(WAIT).until(() -> texts(alice, paiId).contains(marker));

        as(alice).get("/api/chat/pais/" + paiId + "/messages?afterSeq=0").then().statusCode(200)
                .body("items.seq", equalTo(List.of(1, 2, 3)))
                .body("items[1].senderKind", equalTo("AGENT"))
                .body("items[1].kind", equalTo("SUMMARY"))
                .body("items[1].replyToSeq", equalTo(1))
                .body("items[1].text", equalTo("今天大家聊了跑步 @" + alice))
                .body("items[1].attachment.summary.fromSeq", equalTo(1))
                .body("items[1].attachment.summary.keyPoints[0].senderId", equalTo(alice));
    }

    @Test
    void aCreatedGroupPacketShowsAsASystemPacketCardAndOtherStagesDoNot() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        String packetId = UUID.randomUUID().toString();
        EventPublisher.publish(lifecycle(LifecycleStage.EXHAUSTED, PoolKind.GROUP_PACKET, packetId, paiId, alice));
        EventPublisher.publish(lifecycle(LifecycleStage.CREATED, PoolKind.DROP, UUID.randomUUID().toString(), paiId, alice));
        var created = lifecycle(LifecycleStage.CREATED, PoolKind.GROUP_PACKET, packetId, paiId, alice);

        try (TopicWatcher published = TopicWatcher.watch(Topics.CHAT_MESSAGES)) {
            EventPublisher.publish(created);
            var card = (ChatMessagePosted) published.await(e -> e.key().equals(paiId), WAIT).data();
            assertThat(card.kind()).isEqualTo(MessageKind.PACKET);
            assertThat(card.senderKind()).isEqualTo(SenderKind.SYSTEM);
            assertThat(card.packet()).isEqualTo(new PacketCard(packetId, alice, 8888, 8, "恭喜发财"));
        }
        double duplicatesBefore = duplicates("redpacket-lifecycle");
        EventPublisher.publish(created);
        await().atMost(WAIT).until(() -> duplicates("redpacket-lifecycle") > duplicatesBefore);
        String marker = publishAgentText(paiId, "after the card");
        await().atMost(WAIT).until(() -> texts(alice, paiId).contains(marker));

        as(alice).get("/api/chat/pais/" + paiId + "/messages?afterSeq=0").then().statusCode(200)
                .body("items.kind", equalTo(List.of("PACKET", "TEXT")))
                .body("items[0].senderId", equalTo(alice))
                .body("items[0].senderKind", equalTo("SYSTEM"))
                .body("items[0].text", equalTo("恭喜发财"))
                .body("items[0].attachment.packetId", equalTo(packetId))
                .body("items[0].attachment.totalCents", equalTo(8888))
                .body("items[0].attachment.count", equalTo(8));
        as(alice).post("/api/chat/pais/" + paiId + "/messages/1/recall").then().statusCode(409)
                .body("code", equalTo("NOT_RECALLABLE"));
    }

    @Test
    void aReplyForAnUnknownPaiIsDroppedWithoutStoppingTheConsumer() {
        String alice = newUser("alice");
        String paiId = createPai(alice);
        publishAgentText("no-such-pai-" + UUID.randomUUID(), "lost");
        String marker = publishAgentText(paiId, "still consuming");
        await().atMost(WAIT).until(() -> texts(alice, paiId).contains(marker));
    }

    /** Agent replies share one ordered partition per pai, so a later one arriving proves the earlier ones were handled. */
    private static String publishAgentText(String paiId, String text) {
        EventPublisher.publish(EventEnvelope.of("agent-service", new AgentReplyRequested(UUID.randomUUID().toString(),
                paiId, "planner", AgentReplyKind.TEXT, text, null, null, null, Instant.now())));
        return text;
    }

    private static EventEnvelope<RedPacketLifecycle> lifecycle(LifecycleStage stage, PoolKind kind, String poolId,
            String paiId, String senderId) {
        return EventEnvelope.of("redpacket-service", new RedPacketLifecycle(stage, kind, poolId, null, paiId, senderId,
                8888, 8, "恭喜发财", Instant.now()));
    }

    private static double duplicates(String channel) {
        Matcher matcher = Pattern.compile("pai_chat_events_total\\{channel=\"" + channel
                + "\",outcome=\"duplicate\"[^}]*\\} ([0-9.Ee+-]+)").matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static List<String> texts(String userId, String paiId) {
        return as(userId).get("/api/chat/pais/" + paiId + "/messages?afterSeq=0").then().statusCode(200)
                .extract().path("items.text");
    }
}
