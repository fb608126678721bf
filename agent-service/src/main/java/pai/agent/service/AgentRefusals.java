package pai.agent.service;

import pai.platform.error.ApiException;

/** The refusals of agent-service, each with its code. */
public final class AgentRefusals {
    private AgentRefusals() {
    }

    public static class AgentNotFound extends ApiException {
        public AgentNotFound(String agentId) {
            super(404, "AGENT_NOT_FOUND", "no agent " + agentId + " in the catalog");
        }
    }

    public static class NotAnAdmin extends ApiException {
        public NotAnAdmin(String paiId) {
            super(403, "NOT_AN_ADMIN", "only the owner or an admin of pai " + paiId + " sets its agents");
        }
    }
}
