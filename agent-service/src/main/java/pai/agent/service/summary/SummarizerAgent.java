package pai.agent.service.summary;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import pai.agent.config.OrchestrationConfig;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies.Reply;
import pai.agent.service.orchestration.Agent;
import pai.agent.service.orchestration.Counters;
import pai.agent.service.orchestration.Decision.Turn;
import pai.agent.service.orchestration.SlashCommand;
import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.SummaryCard;

/**
 * Sums up the talk since its last summary: on {@code @summarizer} or {@code /summary}, and unprompted
 * once a backlog of messages has built up since the last one.
 */
@ApplicationScoped
public class SummarizerAgent implements Agent {
    public static final String ID = "summarizer";
    private static final SlashCommand COMMAND = SlashCommand.of("summary", "总结");

    private final SummaryService summaries;
    private final OrchestrationConfig config;

    public SummarizerAgent(SummaryService summaries, OrchestrationConfig config) {
        this.summaries = summaries;
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean commandedBy(Utterance message) {
        return COMMAND.in(message);
    }

    /** 0.8 once the backlog since its last summary reaches the configured size, growing towards it from 0. */
    @Override
    public double score(Utterance message, List<Utterance> recent, Counters counters) {
        long backlog = message.seq() - counters.lastAnsweredSeq(ID);
        return backlog >= config.summaryBacklog() ? 0.8 : 0.5 * backlog / config.summaryBacklog();
    }

    @Override
    public Optional<Reply> answer(String paiId, Utterance message, List<Utterance> recent, Counters counters,
            Turn turn) {
        SummaryService.Summarized summarized = summaries.sinceLast(paiId, counters.lastAnsweredSeq(ID), message.seq() - 1);
        Summary summary = summarized.summary();
        if (summary.keyPoints().isEmpty() && !turn.prompted()) {
            return Optional.empty();
        }
        return Optional.of(new Reply(ID, AgentReplyKind.SUMMARY, summarized.text(), null, message.seq(),
                AgentCard.of(new SummaryCard(summary.fromSeq(), summary.toSeq(), summary.keyPoints()))));
    }
}
