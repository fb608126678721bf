package pai.agent.service.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import pai.agent.domain.Utterance;
import pai.agent.service.orchestration.Decision.Silence;
import pai.agent.service.orchestration.Decision.Turn;
import pai.agent.service.orchestration.Replay.Step;
import pai.agent.service.summary.Transcripts;

/**
 * A committed busy transcript (580 messages of five chats talked over each other, a message every six
 * seconds, with asks for every agent) replayed through the orchestrator with all five agents on and
 * the default rules: the chat stays calm and no agent ever answers an agent.
 */
class OrchestratorReplayTest {
    private static final int K = 1;
    private static List<Utterance> transcript;
    private static List<Step> steps;

    @BeforeAll
    static void replay() {
        transcript = Transcripts.load("/transcripts/busy-group.txt");
        Orchestrator orchestrator = TestAgents.orchestrator();
        steps = new Replay(orchestrator, TestAgents.allOn(K), 50).run(transcript);
    }

    @Test
    void theTranscriptIsBusy() {
        assertThat(transcript).hasSizeGreaterThanOrEqualTo(300);
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < transcript.size(); i++) {
            gaps.add(Duration.between(transcript.get(i - 1).at(), transcript.get(i).at()));
        }
        gaps.sort(null);
        assertThat(gaps.get(gaps.size() / 2)).as("the median time between two messages").isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void agentMessagesPerHumanMessageStayWithinKUnlessMoreAgentsWereNamed() {
        for (Step step : humanSteps()) {
            long prompted = step.decision().turns().stream().filter(Turn::prompted).count();
            assertThat(step.decision().turns().size()).as("turns after #%d %s", step.message().seq(), step.message().text())
                    .isLessThanOrEqualTo(Math.max(K, (int) prompted));
            if (prompted > 0) {
                assertThat(step.decision().turns()).as("a named agent takes the slot").allMatch(Turn::prompted);
            }
        }
    }

    @Test
    void noAgentAnswersAnAgent() {
        List<Step> agentSteps = steps.stream().filter(step -> !step.message().byHuman()).toList();
        assertThat(agentSteps).isNotEmpty();
        for (Step step : agentSteps) {
            assertThat(step.decision().turns()).isEmpty();
            assertThat(step.decision().silences()).extracting(Silence::reason).containsOnly(Reason.NOT_HUMAN);
        }
    }

    @Test
    void noMinuteHasMoreThanSixAgentMessagesAndUnpromptedTurnsKeepTheirCooldown() {
        List<Instant> spoken = new ArrayList<>();
        Map<String, Instant> lastUnprompted = new HashMap<>();
        for (Step step : humanSteps()) {
            for (Turn turn : step.decision().turns()) {
                Instant at = step.message().at();
                spoken.add(at);
                if (!turn.prompted()) {
                    Instant last = lastUnprompted.put(turn.agentId(), at);
                    if (last != null) {
                        assertThat(Duration.between(last, at)).as(turn.agentId() + " at #" + step.message().seq())
                                .isGreaterThanOrEqualTo(Duration.ofMinutes(2));
                    }
                }
            }
        }
        for (int i = 0; i < spoken.size(); i++) {
            Instant start = spoken.get(i);
            long inMinute = spoken.stream().filter(at -> !at.isBefore(start) && at.isBefore(start.plusSeconds(60))).count();
            assertThat(inMinute).as("agent messages in the minute from " + start).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void everyAgentStillSpeaksAndTheGroupHearsFewAgentMessages() {
        Map<String, Long> turnsByAgent = humanSteps().stream().flatMap(step -> step.decision().turns().stream())
                .collect(Collectors.groupingBy(Turn::agentId, Collectors.counting()));
        assertThat(turnsByAgent.keySet()).containsExactlyInAnyOrder("summarizer", "supervisor", "remixer", "planner",
                "knowledge");
        long unprompted = humanSteps().stream().flatMap(step -> step.decision().turns().stream())
                .filter(turn -> !turn.prompted()).count();
        assertThat(unprompted).as("unprompted turns").isPositive();
        long agentMessages = turnsByAgent.values().stream().mapToLong(Long::longValue).sum();
        assertThat((double) agentMessages / humanSteps().size()).as("agent messages per human message").isLessThan(0.2);
    }

    @Test
    void everyAgentDecidesEveryMessageOnce() {
        for (Step step : steps) {
            List<String> decided = new ArrayList<>();
            step.decision().turns().forEach(turn -> decided.add(turn.agentId()));
            step.decision().silences().forEach(silence -> decided.add(silence.agentId()));
            assertThat(decided).containsExactlyInAnyOrder("summarizer", "supervisor", "remixer", "planner", "knowledge");
        }
    }

    private static List<Step> humanSteps() {
        return steps.stream().filter(step -> step.message().byHuman()).toList();
    }
}
