package pai.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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

/**
 * The orchestrator behind the Kafka consumer: chat messages published on the real broker, the agents'
 * answers read from {@code pai.agent.replies}, where the outbox relay publishes them.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class AgentsInChatTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry registry;

    @Test
    void aMentionedSummarizerAnswersWithASummaryOfTheTalkOnceEvenWhenTheMessageComesTwice() {
        String paiId = paiWithAgents("summarizer");
        try (TopicWatcher replies = TopicWatcher.watch(Topics.AGENT_REPLIES)) {
        Instant at = Instant.now();
        List<String> talk = List.of("早", "周六早上八点在北宫门集合，去爬香山", "我带水和面包", "周六天气晴，适合爬山",
                "哈哈哈", "山上风大，记得带外套");
        for (int i = 0; i < talk.size(); i++) {
            post(paiId, i + 1, "alice", SenderKind.USER, talk.get(i), at.plusSeconds(i));
        }
        var ask = post(paiId, talk.size() + 1, "bob", SenderKind.USER, "@summarizer", at.plusSeconds(10));
        EventPublisher.publish(ask);

        AgentReplyRequested reply = awaitReplies(replies, paiId, 1).get(0);
        assertThat(reply.agentId()).isEqualTo("summarizer");
        assertThat(reply.kind()).isEqualTo(AgentReplyKind.SUMMARY);
        assertThat(reply.replyToSeq()).isEqualTo(talk.size() + 1);
        assertThat(reply.card().summary().fromSeq()).isEqualTo(1);
        assertThat(reply.card().summary().toSeq()).isEqualTo(talk.size());
        assertThat(reply.card().summary().keyPoints()).isNotEmpty().allSatisfy(point -> {
            assertThat(talk.get((int) point.seq() - 1)).contains(point.text());
            assertThat(point.text()).isNotIn("早", "哈哈哈");
        });
        assertThat(count("select count(*) from agent_turn where pai_id = ?1 and agent_id = 'summarizer'", paiId)).isEqualTo(1);
        }
    }

    @Test
    void noAgentAnswersAnAgentsMessageEvenWhenItNamesOne() {
        String paiId = paiWithAgents("summarizer", "planner", "knowledge");
        double before = decisions("NOT_HUMAN");
        try (TopicWatcher watcher = TopicWatcher.watch(Topics.AGENT_REPLIES)) {
        Instant at = Instant.now();
        post(paiId, 1, "planner", SenderKind.AGENT, "@summarizer 周六早上八点北宫门集合?", at);
        String marker = "@summarizer";
        post(paiId, 2, "alice", SenderKind.USER, marker, at.plusSeconds(1));

        // The human's mention is answered; the agent's message before it, which named an agent too, is not.
        List<AgentReplyRequested> replies = awaitReplies(watcher, paiId, 1);
        assertThat(replies).extracting(AgentReplyRequested::replyToSeq).containsExactly(2L);
        assertThat(decisions("NOT_HUMAN") - before).isEqualTo(5);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_agent_decisions_total{agent=\"planner\",outcome=\"silent\",reason=\"NOT_HUMAN\"}"))
                .body(containsString("pai_agent_decisions_total{agent=\"summarizer\",outcome=\"spoke\",reason=\"MENTIONED\"}"));
        }
    }

    @Test
    void unpromptedPlanningTalkGetsOnePlanAndTheCooldownHoldsBackTheNext() {
        String paiId = paiWithAgents("planner");
        try (TopicWatcher watcher = TopicWatcher.watch(Topics.AGENT_REPLIES)) {
        Instant at = Instant.now();
        post(paiId, 1, "alice", SenderKind.USER, "周六早上八点北宫门集合，一起去爬香山", at);
        post(paiId, 2, "bob", SenderKind.USER, "改到九点吧，八点太早了，还是北宫门集合", at.plusSeconds(30));
        post(paiId, 3, "carol", SenderKind.USER, "@planner", at.plusSeconds(40));

        List<AgentReplyRequested> replies = awaitReplies(watcher, paiId, 2);
        assertThat(replies).extracting(AgentReplyRequested::replyToSeq).containsExactly(1L, 3L);
        assertThat(replies.get(0).card().plan().place()).contains("北宫门");
        // The mention, inside the cooldown, is answered, and with the plan as the talk changed it.
        assertThat(replies.get(1).card().plan().time()).hasToString("09:00");
        assertThat(replies.get(1).card().plan().planId()).isEqualTo(replies.get(0).card().plan().planId());
        assertThat(count("select count(*) from agent_turn where pai_id = ?1", paiId)).isEqualTo(2);
        }
    }

    @Test
    void aDisabledAgentStaysQuietWhenNamed() {
        String paiId = paiWithAgents("planner");
        try (TopicWatcher watcher = TopicWatcher.watch(Topics.AGENT_REPLIES)) {
            Instant at = Instant.now();
            post(paiId, 1, "alice", SenderKind.USER, "@summarizer 总结一下", at);
            post(paiId, 2, "alice", SenderKind.USER, "@planner", at.plusSeconds(1));
            assertThat(awaitReplies(watcher, paiId, 1)).extracting(AgentReplyRequested::agentId).containsExactly("planner");
        }
    }

    /** A pai with alice as owner, bob and carol as members, and these agents switched on. */
    private String paiWithAgents(String... agents) {
        String paiId = UUID.randomUUID().toString();
        PaiMembers.announce(paiId, MemberRole.OWNER, "alice-" + paiId);
        PaiMembers.announce(paiId, MemberRole.MEMBER, "bob-" + paiId, "carol-" + paiId);
        for (String agent : agents) {
            given().header("Authorization", TestTokens.bearer("alice-" + paiId)).contentType(ContentType.JSON)
                    .body("{\"enabled\":true}").put("/api/agents/pais/" + paiId + "/agents/" + agent)
                    .then().statusCode(200);
        }
        return paiId;
    }

    private static EventEnvelope<ChatMessagePosted> post(String paiId, long seq, String sender, SenderKind kind, String text,
            Instant at) {
        String senderId = kind == SenderKind.USER ? sender + "-" + paiId : sender;
        var event = EventEnvelope.of("chat-service", new ChatMessagePosted(UUID.randomUUID().toString(), paiId, seq,
                senderId, kind, MessageKind.TEXT, text, null, List.of(), null, null, null, null, at));
        EventPublisher.publish(event);
        return event;
    }

    /** Waits for {@code expected} replies of the pai on the topic, then two seconds more, so that one too many shows. */
    private static List<AgentReplyRequested> awaitReplies(TopicWatcher replies, String paiId, int expected) {
        for (int i = 0; i < expected; i++) {
            int seen = i;
            replies.await(event -> ofPai(replies, paiId).size() > seen, WAIT);
        }
        replies.drain(Duration.ofSeconds(2));
        return ofPai(replies, paiId);
    }

    private static List<AgentReplyRequested> ofPai(TopicWatcher replies, String paiId) {
        return replies.drain(Duration.ZERO).stream().map(EventEnvelope::data)
                .filter(data -> data instanceof AgentReplyRequested reply && reply.paiId().equals(paiId))
                .map(AgentReplyRequested.class::cast).toList();
    }

    private long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    private double decisions(String reason) {
        return registry.find("pai.agent.decisions").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
