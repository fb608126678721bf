package pai.agent.service.orchestration;

import java.time.Instant;
import java.util.Map;

/**
 * What a pai's agents said lately, as the decision needs it: each agent's last unprompted message and
 * the last seq it answered, the pai's agent messages in the last minute, and whether the model budget
 * of the hour has calls left.
 */
public record Counters(Map<String, Instant> lastUnpromptedAt, Map<String, Long> lastAnsweredSeq,
        int messagesLastMinute, boolean modelBudgetLeft) {

    public Counters {
        lastUnpromptedAt = Map.copyOf(lastUnpromptedAt);
        lastAnsweredSeq = Map.copyOf(lastAnsweredSeq);
    }

    public static Counters none() {
        return new Counters(Map.of(), Map.of(), 0, true);
    }

    /** The seq of the last message the agent answered in this pai, 0 when it never did. */
    public long lastAnsweredSeq(String agentId) {
        return lastAnsweredSeq.getOrDefault(agentId, 0L);
    }
}
