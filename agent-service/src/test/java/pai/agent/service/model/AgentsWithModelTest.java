package pai.agent.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.agent.domain.ChatLine;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies.Reply;
import pai.agent.service.knowledge.KnowledgeAgent;
import pai.agent.service.orchestration.Counters;
import pai.agent.service.orchestration.Decision.Turn;
import pai.agent.service.orchestration.Reason;
import pai.agent.service.summary.SummaryService;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.TestEnvironment;

/**
 * The agents with a model configured (the fake endpoint): the model words the answer from what the
 * engines found, and a slow model leaves the offline answer.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@WithTestResource(FakeModelEndpoint.class)
class AgentsWithModelTest {
    private static final Turn ASKED = new Turn(KnowledgeAgent.ID, Reason.MENTIONED, 1);

    @Inject
    KnowledgeAgent knowledge;
    @Inject
    SummaryService summaries;

    @Test
    void theKnowledgeAnswerIsTheModelsGroundedOnTheRetrievedMessages() {
        String paiId = paiWithTalk("周六早上八点在北宫门集合", "我带水和面包", "山上风大，记得带外套");
        String answered = answer(paiId, "@knowledge 我们几点集合?");
        assertThat(answered).startsWith(FakeModelEndpoint.ANSWER_PREFIX).contains("#1").contains("北宫门");
        JsonNode asked = FakeModelEndpoint.REQUESTS.get(FakeModelEndpoint.REQUESTS.size() - 1).path("messages");
        assertThat(asked.path(asked.size() - 1).path("content").asText())
                .contains("我们几点集合").contains("#1 alice: 周六早上八点在北宫门集合").doesNotContain("记得带外套");
    }

    @Test
    void aModelThatTimesOutLeavesTheOfflineAnswer() {
        String paiId = paiWithTalk("周六早上八点在北宫门集合 " + FakeModelEndpoint.SLOW, "我带水和面包", "山上风大，记得带外套");
        long started = System.nanoTime();
        String answered = answer(paiId, "@knowledge 我们几点集合?");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(FakeModelEndpoint.TIMEOUT.multipliedBy(FakeModelEndpoint.MAX_RETRIES + 1).plusSeconds(2));
        assertThat(answered).doesNotStartWith(FakeModelEndpoint.ANSWER_PREFIX).contains("#1").contains("北宫门");
    }

    @Test
    void aQuestionNothingAnswersIsNotPutToTheModel() {
        String paiId = paiWithTalk("周六早上八点在北宫门集合", "我带水和面包");
        int before = FakeModelEndpoint.REQUESTS.size();
        assertThat(answer(paiId, "@knowledge 火星上有水吗?")).isEqualTo("群里还没有人说过这个。");
        assertThat(FakeModelEndpoint.REQUESTS).hasSize(before);
    }

    @Test
    void theModelWordsTheSummaryWhileTheKeyPointsStayWhatPeopleSaid() {
        List<String> talk = List.of("周六早上八点在北宫门集合，一起去爬香山", "好的，我带水和面包", "山上风大，大家记得带外套");
        String paiId = paiWithTalk(talk.toArray(String[]::new));
        SummaryService.Summarized summarized = QuarkusTransaction.requiringNew()
                .call(() -> summaries.sinceLast(paiId, 0, talk.size()));
        assertThat(summarized.text()).startsWith("#1–#3\n" + FakeModelEndpoint.ANSWER_PREFIX);
        assertThat(summarized.summary().keyPoints()).isNotEmpty()
                .allSatisfy(point -> assertThat(talk.get((int) point.seq() - 1)).contains(point.text()));
    }

    private String answer(String paiId, String question) {
        Utterance asked = Utterance.said(ChatLine.lastSeq(paiId) + 1, "bob", question, Instant.now());
        return QuarkusTransaction.requiringNew()
                .call(() -> knowledge.answer(paiId, asked, List.of(), Counters.none(), ASKED).map(Reply::text).orElseThrow());
    }

    private static String paiWithTalk(String... lines) {
        String paiId = UUID.randomUUID().toString();
        for (int i = 0; i < lines.length; i++) {
            EventPublisher.publish(EventEnvelope.of("chat-service", new ChatMessagePosted(UUID.randomUUID().toString(),
                    paiId, i + 1, "alice", SenderKind.USER, MessageKind.TEXT, lines[i], null, List.of(), null, null, null,
                    null, Instant.now())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ChatLine.lastSeq(paiId)) == lines.length);
        return paiId;
    }
}
