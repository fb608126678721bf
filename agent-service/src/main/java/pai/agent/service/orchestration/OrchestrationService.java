package pai.agent.service.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.Timer;
import pai.agent.config.OrchestrationConfig;
import pai.agent.domain.AgentTurn;
import pai.agent.domain.ChatLine;
import pai.agent.domain.PaiAgent;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentCatalog;
import pai.agent.service.AgentReplies;
import pai.agent.service.PaiAgentService;
import pai.agent.service.model.ModelBackend;
import pai.agent.service.orchestration.Decision.Silence;
import pai.agent.service.orchestration.Decision.Turn;
import pai.events.chat.MessageKind;

/**
 * Runs the orchestrator on each message of a pai, in the Kafka consumer's transaction: reads the pai's
 * rules and counters, decides, lets the agents with a turn answer, records each turn and posts each
 * answer through the outbox. A redelivered message finds its turns taken and posts nothing twice; a
 * crash before the commit leaves nothing, and the redelivery does it all again.
 */
@ApplicationScoped
// Made at start, with its agents and their engines (HanLP's and Lucene's dictionaries), so that the first
// message after a start is decided as fast as the thousandth.
@Startup
public class OrchestrationService {
    private static final Logger LOG = Logger.getLogger(OrchestrationService.class);

    private final Orchestrator orchestrator;
    private final Map<String, Agent> agentsById = new HashMap<>();
    private final OrchestrationConfig config;
    private final ModelBackend model;
    private final AgentReplies replies;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Timer decisionTime;

    public OrchestrationService(Instance<Agent> agents, AgentCatalog catalog, OrchestrationConfig config, ModelBackend model,
            AgentReplies replies, ObjectMapper json, MeterRegistry registry) {
        // The catalog's order: on equal scores the agent listed first wins.
        List<Agent> ordered = catalog.all().stream()
                .map(profile -> agents.stream().filter(agent -> agent.id().equals(profile.id())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no agent implements " + profile.id())))
                .toList();
        ordered.forEach(agent -> agentsById.put(agent.id(), agent));
        this.orchestrator = new Orchestrator(ordered);
        this.config = config;
        this.model = model;
        this.replies = replies;
        this.json = json;
        this.registry = registry;
        this.decisionTime = Timer.builder("pai.agent.decision.time").publishPercentiles(0.5, 0.99).register(registry);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void consider(String paiId, Utterance message) {
        if (message.kind() == MessageKind.RECALLED) {
            return;
        }
        // No agent reads agents, and most pais have no agent on: then neither the talk nor the counters are read.
        PaiRules rules = message.byHuman() ? rulesOf(paiId) : PaiRules.allOff();
        boolean anyoneMayAnswer = !rules.enabledThresholds().isEmpty();
        List<Utterance> recent = anyoneMayAnswer
                ? ChatLine.recent(paiId, message.seq() - 1, config.recentMessages()) : List.of();
        Counters counters = anyoneMayAnswer ? countersOf(paiId, message.at()) : Counters.none();
        long started = System.nanoTime();
        Decision decision = orchestrator.decide(message, recent, rules, counters, Instant.now());
        decisionTime.record(Duration.ofNanos(System.nanoTime() - started));

        for (Silence silence : decision.silences()) {
            count(silence.agentId(), silence.reason(), "silent");
        }
        for (Turn turn : decision.turns()) {
            if (AgentTurn.taken(paiId, message.seq(), turn.agentId())) {
                count(turn.agentId(), turn.reason(), "repeat");
                continue;
            }
            Optional<AgentReplies.Reply> reply;
            try {
                reply = agentsById.get(turn.agentId()).answer(paiId, message, recent, counters, turn);
            } catch (RuntimeException e) {
                // One agent's bug must not stop the pai's other agents, nor the consumer of every pai.
                LOG.errorf(e, "%s failed to answer message %d of pai %s", turn.agentId(), message.seq(), paiId);
                count(turn.agentId(), turn.reason(), "failed");
                continue;
            }
            if (reply.isEmpty()) {
                count(turn.agentId(), turn.reason(), "nothing_to_say");
                continue;
            }
            record(paiId, message, turn);
            replies.post(replyId(paiId, message.seq(), turn.agentId()), paiId, reply.get());
            count(turn.agentId(), turn.reason(), "spoke");
        }
    }

    /** An agent's answer to a message has one id, however often the message is delivered: chat-service stores it once. */
    public static String replyId(String paiId, long seq, String agentId) {
        return paiId + ":" + seq + ":" + agentId;
    }

    /** The pai's enabled agents with their thresholds, and the limits that hold for all of them. */
    public PaiRules rulesOf(String paiId) {
        Map<String, Double> thresholds = new HashMap<>();
        for (PaiAgent setting : PaiAgent.ofPai(paiId)) {
            if (setting.enabled && agentsById.containsKey(setting.agentId)) {
                thresholds.put(setting.agentId, threshold(setting));
            }
        }
        return new PaiRules(thresholds, config.maxRepliesPerMessage(), config.cooldown(), config.paiMessagesPerMinute(),
                config.staleAfter(), model.configured());
    }

    private Counters countersOf(String paiId, Instant at) {
        AgentTurn.Recent recent = AgentTurn.recent(paiId, at.minus(config.cooldown()), at.minus(Duration.ofMinutes(1)));
        return new Counters(recent.lastUnpromptedAt(), AgentTurn.lastAnsweredSeqs(paiId), recent.inLastMinute(),
                !model.configured() || model.budgetLeft(paiId));
    }

    private double threshold(PaiAgent setting) {
        try {
            JsonNode value = json.readTree(setting.settings).get(PaiAgentService.THRESHOLD);
            return value != null && value.isNumber() ? value.asDouble() : config.threshold();
        } catch (JsonProcessingException e) {
            LOG.warnf("pai %s has unreadable settings for %s; using the default threshold", setting.paiId, setting.agentId);
            return config.threshold();
        }
    }

    private static void record(String paiId, Utterance message, Turn turn) {
        AgentTurn taken = new AgentTurn();
        taken.paiId = paiId;
        taken.triggerSeq = message.seq();
        taken.agentId = turn.agentId();
        taken.reason = turn.reason().name();
        taken.score = turn.score();
        taken.prompted = turn.prompted();
        taken.saidAt = message.at();
        taken.persist();
    }

    private void count(String agentId, Reason reason, String outcome) {
        registry.counter("pai.agent.decisions", "agent", agentId, "reason", reason.name(), "outcome", outcome).increment();
    }
}
