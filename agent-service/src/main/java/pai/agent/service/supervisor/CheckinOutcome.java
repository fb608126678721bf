package pai.agent.service.supervisor;

import pai.events.agent.CheckinCard;

/**
 * What a check-in from the chat came to, with the supervisor's answer: {@code text} for the chat and
 * {@code card} with the member's standing. {@link Result#REPEATED} is a message already checked in
 * (a redelivery): its answer was posted with the check-in.
 */
public record CheckinOutcome(Result result, String goalId, String userId, String text, CheckinCard card) {
    public enum Result {
        CHECKED_IN, ALREADY_CHECKED_IN, REPEATED
    }
}
