package pai.agent.service.orchestration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import pai.agent.config.OrchestrationConfig;
import pai.agent.service.knowledge.GroupMemory;
import pai.agent.service.knowledge.KnowledgeAgent;
import pai.agent.service.planner.PlanExtractor;
import pai.agent.service.planner.PlannerAgent;
import pai.agent.service.remix.RemixerAgent;
import pai.agent.service.summary.SummarizerAgent;
import pai.agent.service.supervisor.SupervisorAgent;

/**
 * The five agents as the orchestrator sees them, built without Quarkus: their triggers are the real
 * ones (the engines' scores, the commands); nothing here answers, so the parts that answer are absent.
 */
public final class TestAgents {
    /** The defaults of {@link OrchestrationConfig}. */
    public static final OrchestrationConfig DEFAULTS = new OrchestrationConfig() {
        @Override
        public int maxRepliesPerMessage() {
            return 1;
        }

        @Override
        public Duration cooldown() {
            return Duration.ofMinutes(2);
        }

        @Override
        public int paiMessagesPerMinute() {
            return 6;
        }

        @Override
        public double threshold() {
            return 0.6;
        }

        @Override
        public int recentMessages() {
            return 50;
        }

        @Override
        public Duration staleAfter() {
            return Duration.ofMinutes(5);
        }

        @Override
        public int summaryBacklog() {
            return 100;
        }
    };

    private TestAgents() {
    }

    public static Orchestrator orchestrator() {
        return new Orchestrator(List.of(
                new SummarizerAgent(null, DEFAULTS),
                new SupervisorAgent(null),
                new RemixerAgent(null, null),
                new PlannerAgent(new PlanExtractor(), new ObjectMapper()),
                new KnowledgeAgent(new GroupMemory(), null)));
    }

    /** All five on at the default threshold, with K agent messages per human message. */
    public static PaiRules allOn(int k) {
        Map<String, Double> thresholds = Map.of("summarizer", 0.6, "supervisor", 0.6, "remixer", 0.6, "planner", 0.6,
                "knowledge", 0.6);
        return new PaiRules(thresholds, k, DEFAULTS.cooldown(), DEFAULTS.paiMessagesPerMinute(), DEFAULTS.staleAfter(),
                false);
    }
}
