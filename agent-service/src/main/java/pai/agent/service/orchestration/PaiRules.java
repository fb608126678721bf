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

    public boolean enabled(String agentId) {
        return enabledThresholds.containsKey(agentId);
    }

    public double threshold(String agentId) {
        return enabledThresholds.get(agentId);
    }
}
