package pai.agent.service.knowledge;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import pai.agent.domain.ChatLine;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies.Reply;
import pai.agent.service.model.ModelBackend;
import pai.agent.service.orchestration.Agent;
import pai.agent.service.orchestration.Counters;
import pai.agent.service.orchestration.Decision.Turn;
import pai.agent.service.orchestration.SlashCommand;

/**
 * The group's memory: answers a question about the pai's own history with the messages that answer it,
 * quoted with their seqs. With a model, the model words the answer from those messages only and must
 * cite them; an answer that cites none of them is not taken. No match, and it says so (when asked) or
 * keeps quiet (unprompted) — it never invents.
 */
@ApplicationScoped
public class KnowledgeAgent implements Agent {
    public static final String ID = "knowledge";
    private static final SlashCommand COMMAND = SlashCommand.of("ask", "问");
    private static final Pattern NAME = Pattern.compile("@knowledge", Pattern.CASE_INSENSITIVE);
    private static final Pattern CITATION = Pattern.compile("#(\\d{1,18})");
    /** How far back the memory reaches. */
    static final int HISTORY = 5000;
    static final int QUOTES = 3;
    static final String INSTRUCTIONS = "You are a group chat's memory. Answer only from the messages you are given, "
            + "and cite each one you use as #seq.";

    private final GroupMemory memory;
    private final ModelBackend model;

    public KnowledgeAgent(GroupMemory memory, ModelBackend model) {
        this.memory = memory;
        this.model = model;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean commandedBy(Utterance message) {
        return COMMAND.in(message);
    }

    @Override
    public double score(Utterance message, List<Utterance> recent, Counters counters) {
        return memory.questionScore(message, recent);
    }

    @Override
    public Optional<Reply> answer(String paiId, Utterance message, List<Utterance> recent, Counters counters,
            Turn turn) {
        String question = COMMAND.strip(NAME.matcher(message.text()).replaceAll(" ")).trim();
        List<Utterance> history = ChatLine.recent(paiId, message.seq() - 1, HISTORY);
        GroupMemory.Answer answer = memory.answer(question, history, QUOTES);
        if (!answer.found()) {
            return turn.prompted() ? Optional.of(Reply.text(ID, answer.text(), message.seq())) : Optional.empty();
        }
        String text = answer.text();
        if (model.configured()) {
            // The retrieved messages travel with the question, so the model has them before it and nothing else.
            text = model.complete(paiId, ID, INSTRUCTIONS, List.of(), memory.groundingPrompt(question, answer.quotes()))
                    .filter(grounded -> citesAQuote(grounded, answer.quotes()))
                    .orElse(answer.text());
        }
        return Optional.of(Reply.text(ID, text, message.seq()));
    }

    static boolean citesAQuote(String text, List<GroupMemory.Quote> quotes) {
        Matcher cited = CITATION.matcher(text);
        while (cited.find()) {
            long seq = Long.parseLong(cited.group(1));
            if (quotes.stream().anyMatch(quote -> quote.seq() == seq)) {
                return true;
            }
        }
        return false;
    }
}
