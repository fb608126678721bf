package pai.agent.service.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import pai.agent.domain.Utterance;
import pai.agent.service.orchestration.Decision.Turn;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

/**
 * Replays a transcript through the orchestrator as agent-service would live it: each human message
 * decided with the counters the earlier turns left, each turn's answer put into the chat as the agent's
 * message right after, and that message decided too. For the replay test and the benchmark.
 */
public final class Replay {
    /** One decided message, the agents' messages included, with the time the decision took. */
    public record Step(Utterance message, Decision decision, long nanos) {
    }

    private final Orchestrator orchestrator;
    private final PaiRules rules;
    private final int recentMessages;

    public Replay(Orchestrator orchestrator, PaiRules rules, int recentMessages) {
        this.orchestrator = orchestrator;
        this.rules = rules;
        this.recentMessages = recentMessages;
    }

    public List<Step> run(List<Utterance> transcript) {
        List<Step> steps = new ArrayList<>();
        List<Utterance> chat = new ArrayList<>();
        Map<String, Instant> lastUnprompted = new HashMap<>();
        Map<String, Long> lastAnswered = new HashMap<>();
        Deque<Instant> spoken = new ArrayDeque<>();
        for (Utterance said : transcript) {
            Utterance message = renumbered(said, chat.size() + 1);
            Instant at = message.at();
            while (!spoken.isEmpty() && !spoken.peekFirst().isAfter(at.minus(Duration.ofMinutes(1)))) {
                spoken.removeFirst();
            }
            Counters counters = new Counters(lastUnprompted, lastAnswered, spoken.size(), true);
            List<Utterance> recent = chat.subList(Math.max(0, chat.size() - recentMessages), chat.size());
            long started = System.nanoTime();
            Decision decision = orchestrator.decide(message, recent, rules, counters, at);
            steps.add(new Step(message, decision, System.nanoTime() - started));
            chat.add(message);
            for (Turn turn : decision.turns()) {
                if (!turn.prompted()) {
                    lastUnprompted.put(turn.agentId(), at);
                }
                lastAnswered.put(turn.agentId(), message.seq());
                spoken.addLast(at);
                Utterance answer = new Utterance(chat.size() + 1, turn.agentId(), SenderKind.AGENT, MessageKind.TEXT,
                        "@" + message.senderId() + " " + turn.agentId() + " answers #" + message.seq(), null,
                        List.of(message.senderId()), message.seq(), at.plusMillis(500));
                List<Utterance> before = chat.subList(Math.max(0, chat.size() - recentMessages), chat.size());
                long answerStarted = System.nanoTime();
                Decision aboutTheAnswer = orchestrator.decide(answer, before, rules, counters, answer.at());
                steps.add(new Step(answer, aboutTheAnswer, System.nanoTime() - answerStarted));
                chat.add(answer);
            }
        }
        return steps;
    }

    private static Utterance renumbered(Utterance said, long seq) {
        return new Utterance(seq, said.senderId(), said.senderKind(), said.kind(), said.text(), said.mediaId(),
                said.mentions(), said.replyToSeq(), said.at());
    }
}
