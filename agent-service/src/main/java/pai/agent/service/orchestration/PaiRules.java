package pai.agent.service.orchestration;

import java.time.Duration;
import java.util.Map;

/**
 * The orchestration settings of one pai: which agents are on with which threshold, and the limits
 * that apply to all of them. {@code modelInUse}: a model endpoint is configured, so unprompted turns
 * spend the hourly budget and stop with it.
 */
public record PaiRules(Map<String, Double> enabledThresholds, int maxRepliesPerMessage, Duration cooldown,
        int paiMessagesPerMinute, Duration staleAfter, boolean modelInUse) {

    public PaiRules {
        enabledThresholds = Map.copyOf(enabledThresholds);
    }

    /** No agent on: what a message by an agent or the system is decided with, since nothing it says triggers one. */
    public static PaiRules allOff() {
        return new PaiRules(Map.of(), 0, Duration.ZERO, 0, Duration.ZERO, false);
    }

    public boolean enabled(String agentId) {
        return enabledThresholds.containsKey(agentId);
    }

    public double threshold(String agentId) {
        return enabledThresholds.get(agentId);
    }
}
