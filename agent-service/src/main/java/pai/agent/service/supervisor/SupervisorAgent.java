package pai.agent.service.supervisor;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies.Reply;
import pai.agent.service.orchestration.Agent;
import pai.agent.service.orchestration.Counters;
import pai.agent.service.orchestration.Decision.Turn;
import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;

/**
 * Keeps the pai's goals in the chat: {@code #打卡}, "check in" or a photo with a goal's tag checks the
 * sender in, answered with a CHECKIN message (streak, total). It never speaks unprompted about
 * messages; its reminders come from the goals' own schedule ({@link Reminders}).
 */
@ApplicationScoped
public class SupervisorAgent implements Agent {
    private final SupervisorService supervisor;

    public SupervisorAgent(SupervisorService supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public String id() {
        return SupervisorService.AGENT;
    }

    @Override
    public boolean commandedBy(Utterance message) {
        return ChatCheckins.asksToCheckIn(message);
    }

    @Override
    public double score(Utterance message, List<Utterance> recent, Counters counters) {
        return 0;
    }

    @Override
    public Optional<Reply> answer(String paiId, Utterance message, List<Utterance> recent, Counters counters,
            Turn turn) {
        Optional<CheckinOutcome> outcome = supervisor.checkInFromChat(paiId, message);
        if (outcome.isEmpty()) {
            // Named without a check-in: say how, rather than nothing.
            return turn.reason() == pai.agent.service.orchestration.Reason.MENTIONED
                    ? Optional.of(Reply.text(id(), SupervisorTexts.howToCheckIn(message.text()), message.seq()))
                    : Optional.empty();
        }
        CheckinOutcome done = outcome.get();
        return Optional.of(switch (done.result()) {
            // A redelivered message gets the answer it got the first time; chat-service stores it once.
            case CHECKED_IN, REPEATED -> new Reply(id(), AgentReplyKind.CHECKIN, done.text(), null, message.seq(),
                    AgentCard.of(done.card()));
            case ALREADY_CHECKED_IN -> Reply.text(id(), done.text(), message.seq());
        });
    }
}
