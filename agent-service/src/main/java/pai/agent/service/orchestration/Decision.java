package pai.agent.service.orchestration;

import java.util.List;

/**
 * What the agents do about one message: the turns (agents that speak, best first) and every other
 * agent's reason to keep quiet.
 */
public record Decision(List<Turn> turns, List<Silence> silences) {

    public Decision {
        turns = List.copyOf(turns);
        silences = List.copyOf(silences);
    }

    /** One agent speaks: prompted (named or commanded) or unprompted with its trigger's score. */
    public record Turn(String agentId, Reason reason, double score) {
        public boolean prompted() {
            return reason != Reason.SCORED;
        }
    }

    public record Silence(String agentId, Reason reason, double score) {
    }
}
