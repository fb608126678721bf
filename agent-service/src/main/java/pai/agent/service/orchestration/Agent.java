package pai.agent.service.orchestration;

import java.util.List;
import java.util.Optional;

import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies;

/**
 * One agent as the orchestrator sees it. {@link #commandedBy} and {@link #score} are pure and cheap:
 * they run for every human message of every pai that has the agent on. {@link #answer} does the work,
 * once the orchestrator gave the agent its turn.
 */
public interface Agent {
    /** The catalog id, which is also how members name it: {@code @summarizer}. */
    String id();

    /** Whether the message asks for this agent without naming it, e.g. {@code /summary} or {@code #打卡}. */
    boolean commandedBy(Utterance message);

    /** How much the message calls for this agent unprompted, from 0 to 1. */
    double score(Utterance message, List<Utterance> recent, Counters counters);

    /**
     * What the agent says in its turn, in the caller's transaction; empty when it has nothing to add after
     * all. {@code recent} is the talk before the message, oldest first; {@code counters} what it was decided with.
     */
    Optional<AgentReplies.Reply> answer(String paiId, Utterance message, List<Utterance> recent, Counters counters,
            Decision.Turn turn);
}
