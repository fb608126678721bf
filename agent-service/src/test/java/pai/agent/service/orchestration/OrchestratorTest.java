package pai.agent.service.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies;
import pai.agent.service.orchestration.Decision.Silence;
import pai.agent.service.orchestration.Decision.Turn;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

class OrchestratorTest {
    private static final Instant NOW = Instant.parse("2026-02-14T10:00:00Z");

    /** An agent whose trigger scores what the test says, and whose command is a word of the test's choosing. */
    private record Scripted(String id, String command, ToDoubleFunction<Utterance> scorer) implements Agent {
        @Override
        public boolean commandedBy(Utterance message) {
            return command != null && message.text().contains(command);
        }

        @Override
        public double score(Utterance message, List<Utterance> recent, Counters counters) {
            return scorer.applyAsDouble(message);
        }

        @Override
        public Optional<AgentReplies.Reply> answer(String paiId, Utterance message, List<Utterance> recent,
                Counters counters, Turn turn) {
            return Optional.empty();
        }
    }

    private final Orchestrator orchestrator = new Orchestrator(List.of(
            new Scripted("summarizer", "/summary", m -> 0.2),
            new Scripted("planner", null, m -> m.text().contains("集合") ? 0.9 : 0.1),
            new Scripted("knowledge", null, m -> m.text().contains("?") ? 0.7 : 0.0)));

    private static PaiRules rules(String... enabled) {
        Map<String, Double> thresholds = new HashMap<>();
        for (String agent : enabled) {
            thresholds.put(agent, 0.6);
        }
        return new PaiRules(thresholds, 1, Duration.ofMinutes(2), 6, Duration.ofMinutes(5), false);
    }

    private static Utterance human(String text) {
        return Utterance.said(10, "alice", text, NOW);
    }

    private Decision decide(Utterance message, PaiRules rules, Counters counters) {
        return orchestrator.decide(message, List.of(), rules, counters, NOW);
    }

    private static List<String> speakers(Decision decision) {
        return decision.turns().stream().map(Turn::agentId).toList();
    }

    private static Reason reasonOf(Decision decision, String agentId) {
        return decision.turns().stream().filter(t -> t.agentId().equals(agentId)).map(Turn::reason).findFirst()
                .orElseGet(() -> decision.silences().stream().filter(s -> s.agentId().equals(agentId))
                        .map(Silence::reason).findFirst().orElseThrow());
    }

    @Test
    void aMentionIsAnsweredAtOnceEvenBelowThresholdAndInCooldown() {
        Counters justSpoke = new Counters(Map.of("summarizer", NOW.minusSeconds(10)), Map.of(), 1, true);
        Decision decision = decide(human("@summarizer 总结一下"), rules("summarizer", "planner"), justSpoke);
        assertThat(decision.turns()).containsExactly(new Turn("summarizer", Reason.MENTIONED, 1));
    }

    @Test
    void aMentionGluedToChineseTextStillNamesTheAgent() {
        Decision decision = decide(human("@summarizer总结一下今天"), rules("summarizer"), Counters.none());
        assertThat(speakers(decision)).containsExactly("summarizer");
        assertThat(speakers(decide(human("@summarizers 不是它"), rules("summarizer"), Counters.none()))).isEmpty();
    }

    @Test
    void aCommandIsAnsweredLikeAMention() {
        Decision decision = decide(human("/summary"), rules("summarizer"), Counters.none());
        assertThat(decision.turns()).containsExactly(new Turn("summarizer", Reason.COMMANDED, 1));
    }

    @Test
    void unpromptedOnlyAScoreAboveTheThresholdSpeaks() {
        PaiRules rules = rules("planner", "knowledge");
        assertThat(speakers(decide(human("周六八点北宫门集合"), rules, Counters.none()))).containsExactly("planner");
        Decision quiet = decide(human("今天好冷"), rules, Counters.none());
        assertThat(quiet.turns()).isEmpty();
        assertThat(reasonOf(quiet, "planner")).isEqualTo(Reason.BELOW_THRESHOLD);

        Map<String, Double> strict = Map.of("planner", 0.95, "knowledge", 0.6);
        PaiRules strictPlanner = new PaiRules(strict, 1, Duration.ofMinutes(2), 6, Duration.ofMinutes(5), false);
        assertThat(reasonOf(decide(human("周六八点北宫门集合"), strictPlanner, Counters.none()), "planner"))
                .isEqualTo(Reason.BELOW_THRESHOLD);
    }

    @Test
    void atMostKAgentsSpeakAndTheBestScoreWins() {
        Utterance both = human("周六几点集合?");
        Decision decision = decide(both, rules("planner", "knowledge"), Counters.none());
        assertThat(speakers(decision)).containsExactly("planner");
        assertThat(reasonOf(decision, "knowledge")).isEqualTo(Reason.OUTRANKED);

        PaiRules twoSlots = new PaiRules(Map.of("planner", 0.6, "knowledge", 0.6), 2, Duration.ofMinutes(2), 6,
                Duration.ofMinutes(5), false);
        assertThat(speakers(decide(both, twoSlots, Counters.none()))).containsExactly("planner", "knowledge");
    }

    @Test
    void aMentionTakesTheMessagesSlotFromUnpromptedAgents() {
        Decision decision = decide(human("@summarizer 周六几点集合?"), rules("summarizer", "planner"), Counters.none());
        assertThat(speakers(decision)).containsExactly("summarizer");
        assertThat(reasonOf(decision, "planner")).isEqualTo(Reason.OUTRANKED);
    }

    @Test
    void anAgentThatSpokeUnpromptedWaitsOutItsCooldown() {
        PaiRules rules = rules("planner");
        Counters recently = new Counters(Map.of("planner", NOW.minusSeconds(119)), Map.of(), 1, true);
        assertThat(reasonOf(decide(human("周六八点北宫门集合"), rules, recently), "planner")).isEqualTo(Reason.COOLDOWN);
        Counters past = new Counters(Map.of("planner", NOW.minusSeconds(120)), Map.of(), 1, true);
        assertThat(speakers(decide(human("周六八点北宫门集合"), rules, past))).containsExactly("planner");
    }

    @Test
    void noAgentAnswersAnAgentOrTheSystemEvenWhenNamed() {
        for (SenderKind sender : List.of(SenderKind.AGENT, SenderKind.SYSTEM)) {
            Utterance message = new Utterance(11, "planner", sender, MessageKind.TEXT, "@summarizer 周六八点北宫门集合?",
                    null, List.of("summarizer"), 10L, NOW);
            Decision decision = decide(message, rules("summarizer", "planner", "knowledge"), Counters.none());
            assertThat(decision.turns()).isEmpty();
            assertThat(decision.silences()).extracting(Silence::reason).containsOnly(Reason.NOT_HUMAN).hasSize(3);
        }
    }

    @Test
    void aSpentModelBudgetSilencesUnpromptedTalkButNotAMention() {
        PaiRules withModel = new PaiRules(Map.of("planner", 0.6, "summarizer", 0.6), 1, Duration.ofMinutes(2), 6,
                Duration.ofMinutes(5), true);
        Counters spent = new Counters(Map.of(), Map.of(), 0, false);
        assertThat(reasonOf(decide(human("周六八点北宫门集合"), withModel, spent), "planner")).isEqualTo(Reason.BUDGET);
        assertThat(speakers(decide(human("@summarizer"), withModel, spent))).containsExactly("summarizer");
        // Offline engines cost nothing: without a model, the budget never silences anyone.
        assertThat(speakers(decide(human("周六八点北宫门集合"), rules("planner"), spent))).containsExactly("planner");
    }

    @Test
    void aDisabledAgentNeverSpeaksNotEvenWhenNamed() {
        Decision decision = decide(human("@summarizer 周六八点北宫门集合"), rules("knowledge"), Counters.none());
        assertThat(decision.turns()).isEmpty();
        assertThat(reasonOf(decision, "summarizer")).isEqualTo(Reason.DISABLED);
        assertThat(reasonOf(decision, "planner")).isEqualTo(Reason.DISABLED);
    }

    @Test
    void thePaiCeilingHoldsForMentionsToo() {
        Counters full = new Counters(Map.of(), Map.of(), 6, true);
        Decision decision = decide(human("@summarizer 周六八点北宫门集合"), rules("summarizer", "planner"), full);
        assertThat(decision.turns()).isEmpty();
        assertThat(reasonOf(decision, "summarizer")).isEqualTo(Reason.PAI_CEILING);
    }

    @Test
    void aMessageReadLongAfterItWasSaidGetsNoUnpromptedReply() {
        Utterance old = Utterance.said(10, "alice", "周六八点北宫门集合", NOW.minus(Duration.ofMinutes(6)));
        Decision decision = orchestrator.decide(old, List.of(), rules("planner"), Counters.none(), NOW);
        assertThat(reasonOf(decision, "planner")).isEqualTo(Reason.STALE);
    }

    @Test
    void everyAgentGetsExactlyOneDecisionPerMessage() {
        Decision decision = decide(human("@summarizer 周六几点集合?"), rules("summarizer", "planner", "knowledge"),
                Counters.none());
        List<String> decided = new java.util.ArrayList<>(speakers(decision));
        decision.silences().forEach(s -> decided.add(s.agentId()));
        assertThat(decided).containsExactlyInAnyOrder("summarizer", "planner", "knowledge");
    }
}
