package pai.agent.service.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import pai.agent.domain.Utterance;
import pai.agent.service.orchestration.Decision.Silence;
import pai.agent.service.orchestration.Decision.Turn;

/**
 * Decides which agents speak about one message: a pure function of the message, the talk before it,
 * the pai's rules and its counters, so that it is tested without a database and costs microseconds.
 *
 * <p>Against the two ways agents ruin a group chat: <b>loops</b> — a message by an agent or the system
 * never triggers anyone, so no chain of agent replies can start; <b>floods</b> — unprompted, only a
 * trigger above its threshold speaks, at most K agents per human message (best score first), each agent
 * at most once per cooldown in a pai, all of a pai's agents together at most a ceiling per minute, and
 * nothing unprompted once the hour's model budget is spent. An agent the message names answers at once,
 * cooldown or not; the per-minute ceiling holds for it too, so that nobody can make agents flood a pai
 * by naming them.
 */
public final class Orchestrator {
    private final List<Agent> agents;
    private final List<Pattern> namePatterns;

    public Orchestrator(List<Agent> agents) {
        this.agents = List.copyOf(agents);
        this.namePatterns = this.agents.stream()
                .map(agent -> Pattern.compile("@" + Pattern.quote(agent.id()) + "(?![\\p{IsLatin}\\p{N}_])",
                        Pattern.CASE_INSENSITIVE))
                .toList();
    }

    public Decision decide(Utterance message, List<Utterance> recent, PaiRules rules, Counters counters, Instant now) {
        List<Turn> turns = new ArrayList<>();
        List<Silence> silences = new ArrayList<>();
        if (!message.byHuman()) {
            for (Agent agent : agents) {
                silences.add(new Silence(agent.id(), Reason.NOT_HUMAN, 0));
            }
            return new Decision(turns, silences);
        }
        int ceilingLeft = rules.paiMessagesPerMinute() - counters.messagesLastMinute();
        List<Agent> unprompted = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            Agent agent = agents.get(i);
            if (!rules.enabled(agent.id())) {
                silences.add(new Silence(agent.id(), Reason.DISABLED, 0));
                continue;
            }
            Reason prompt = names(message, i) ? Reason.MENTIONED : agent.commandedBy(message) ? Reason.COMMANDED : null;
            if (prompt == null) {
                unprompted.add(agent);
            } else if (ceilingLeft > 0) {
                turns.add(new Turn(agent.id(), prompt, 1));
                ceilingLeft--;
            } else {
                silences.add(new Silence(agent.id(), Reason.PAI_CEILING, 1));
            }
        }

        int slots = rules.maxRepliesPerMessage() - turns.size();
        boolean stale = Duration.between(message.at(), now).compareTo(rules.staleAfter()) > 0;
        boolean budgetSpent = rules.modelInUse() && !counters.modelBudgetLeft();
        List<Turn> eligible = new ArrayList<>();
        for (Agent agent : unprompted) {
            // The cheap refusals first: a busy pai's agents are mostly cooling down, and then nothing is scored.
            Reason refused = stale ? Reason.STALE
                    : coolingDown(agent, message, rules, counters) ? Reason.COOLDOWN
                    : budgetSpent ? Reason.BUDGET
                    : slots <= 0 ? Reason.OUTRANKED
                    : null;
            if (refused != null) {
                silences.add(new Silence(agent.id(), refused, 0));
                continue;
            }
            double score = agent.score(message, recent, counters);
            if (score > rules.threshold(agent.id())) {
                eligible.add(new Turn(agent.id(), Reason.SCORED, score));
            } else {
                silences.add(new Silence(agent.id(), Reason.BELOW_THRESHOLD, score));
            }
        }
        eligible.sort(Comparator.comparingDouble(Turn::score).reversed());
        for (Turn candidate : eligible) {
            if (slots <= 0) {
                silences.add(new Silence(candidate.agentId(), Reason.OUTRANKED, candidate.score()));
            } else if (ceilingLeft <= 0) {
                silences.add(new Silence(candidate.agentId(), Reason.PAI_CEILING, candidate.score()));
            } else {
                turns.add(candidate);
                slots--;
                ceilingLeft--;
            }
        }
        return new Decision(turns, silences);
    }

    private boolean names(Utterance message, int agentIndex) {
        String id = agents.get(agentIndex).id();
        for (String mention : message.mentions()) {
            if (mention.toLowerCase(Locale.ROOT).equals(id)) {
                return true;
            }
        }
        // chat-service reads "@summarizer总结一下" as one mention: the name must still count.
        return message.text().indexOf('@') >= 0 && namePatterns.get(agentIndex).matcher(message.text()).find();
    }

    private static boolean coolingDown(Agent agent, Utterance message, PaiRules rules, Counters counters) {
        Instant last = counters.lastUnpromptedAt().get(agent.id());
        return last != null && message.at().isBefore(last.plus(rules.cooldown()));
    }
}
