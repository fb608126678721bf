package pai.agent.service.supervisor;

import pai.platform.error.ApiException;

/** The supervisor's refusals, each with its code (docs/contract.md, error codes). */
public final class SupervisorRefusals {
    private SupervisorRefusals() {
    }

    public static class GoalNotFound extends ApiException {
        public GoalNotFound(String goalId) {
            super(404, "GOAL_NOT_FOUND", "no goal " + goalId);
        }
    }

    public static class AlreadyCheckedIn extends ApiException {
        public AlreadyCheckedIn(String goalId, String period) {
            super(409, "ALREADY_CHECKED_IN", "you already checked in on goal " + goalId + " for the period of " + period);
        }
    }
}
