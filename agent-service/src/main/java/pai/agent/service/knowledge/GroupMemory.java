package pai.agent.service.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import pai.agent.domain.AgentProfile;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentCatalog;
import pai.agent.service.text.ChatText;
import pai.events.chat.MessageKind;

/**
 * The knowledge agent's offline engine: the group's memory. A question is answered only with what
 * people in the pai said before, quoted with its seq; when nothing said matches well enough, the
 * answer says so rather than guessing. What counts as a match is {@link HistorySearch}'s; this class
 * decides which lines are memory at all and how the answer reads.
 */
@ApplicationScoped
public class GroupMemory {
    private static final String NO_MATCH_ZH = "群里还没有人说过这个。";
    private static final String NO_MATCH_EN = "Nobody here has said anything about that yet.";
    private static final Pattern SLASH_COMMAND = Pattern.compile("^\\s*/\\p{Alpha}");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    /** An answer: whether anything matched, the quoted lines best first, and the chat reply quoting them. */
    public record Answer(boolean found, List<Quote> quotes, String text) {
        public Answer {
            quotes = List.copyOf(quotes);
        }
    }

    /** A line of the history that answers the question, with its score in [0,1]. */
    public record Quote(long seq, String senderId, String text, double score) {
    }

    private final HistorySearch search = new HistorySearch(new ChatAnalysis());
    private final Pattern agentMention;

    @Inject
    public GroupMemory(AgentCatalog catalog) {
        String agentIds = catalog.all().stream().map(AgentProfile::id).map(Pattern::quote).collect(Collectors.joining("|"));
        this.agentMention = Pattern.compile("^\\s*[@＠](" + agentIds + ")(?![\\p{L}\\d_-])[\\s,，:：]*",
                Pattern.CASE_INSENSITIVE);
        // SmartChineseAnalyzer reads its dictionaries on first use: pay that when the memory is made, not on a question.
        search.isSpecific("周六早上八点在北宫门集合 where do we meet");
    }

    public GroupMemory() {
        this(new AgentCatalog());
    }

    /** Answers {@code question} from {@code history} with at most {@code maxQuotes} of its lines. */
    public Answer answer(String question, List<Utterance> history, int maxQuotes) {
        if (maxQuotes < 1) {
            throw new IllegalArgumentException("maxQuotes must be at least 1, was " + maxQuotes);
        }
        String asked = Wording.normalized(withoutCommand(question)).strip();
        // The question's own message is the latest line saying it; an earlier one is memory, answered or not.
        Utterance own = null;
        for (Utterance line : history) {
            if (isHumanText(line) && Wording.normalized(line.text()).strip().equals(asked)) {
                own = line;
            }
        }
        List<Utterance> lines = memorable(history, own);
        List<Quote> quotes = quotes(asked, lines, maxQuotes);
        return new Answer(!quotes.isEmpty(), quotes, reply(asked, quotes));
    }

    /**
     * How much {@code message}, said without addressing an agent, is a question the group's own history
     * answers: its question form times the strength of the best match, 0 for a statement, low for a
     * question nothing said matches or one too vague to answer unasked.
     */
    public double questionScore(Utterance message, List<Utterance> history) {
        if (!isHumanText(message) || isCommand(message)) {
            return 0;
        }
        String asked = Wording.normalized(message.text()).strip();
        double form = Wording.questionForm(asked);
        if (form == 0) {
            return 0;
        }
        List<Quote> best = search.isSpecific(asked) ? quotes(asked, memorable(history, message), 1) : List.of();
        return best.isEmpty() ? form * 0.1 : form * (0.4 + 0.6 * best.get(0).score());
    }

    /**
     * The instruction for a language model that must answer {@code question} from {@code quotes} only,
     * citing them as #seq; with no quotes it must say that nobody has said it.
     */
    public String groundingPrompt(String question, List<Quote> quotes) {
        String asked = withoutCommand(question).strip();
        String noMatch = ChatText.hasChinese(asked) ? NO_MATCH_ZH : NO_MATCH_EN;
        StringBuilder prompt = new StringBuilder()
                .append("You are the memory of a group chat. Answer the question below using only the chat messages quoted below.\n")
                .append("Rules:\n")
                .append("- Use only what these messages say. Add no facts, guesses or outside knowledge.\n")
                .append("- Cite every message you use by its number written as #seq, for example #12 for message 12.\n")
                .append("- When messages disagree, the later one (the higher number) is the current arrangement; say it changed.\n")
                .append("- If the messages do not answer the question, reply exactly: ").append(noMatch).append('\n')
                .append("- Reply in the language of the question, in one or two short sentences.\n\n")
                .append("Question: ").append(oneLine(asked)).append("\n\n");
        if (quotes.isEmpty()) {
            prompt.append("Messages: none. Nobody in the group has said anything about this.\n");
        } else {
            prompt.append("Messages:\n");
            quotes.stream().sorted(Comparator.comparingLong(Quote::seq)).forEach(quote -> prompt.append('#')
                    .append(quote.seq()).append(' ').append(quote.senderId()).append(": ").append(oneLine(quote.text())).append('\n'));
        }
        return prompt.toString();
    }

    private List<Quote> quotes(String asked, List<Utterance> lines, int maxQuotes) {
        return search.search(asked, lines, maxQuotes).stream().map(found -> {
            Utterance line = lines.get(found.position());
            return new Quote(line.seq(), line.senderId(), line.text(), found.score());
        }).toList();
    }

    /** The lines worth remembering: people's text, not commands to agents, not the question's own message. */
    private List<Utterance> memorable(List<Utterance> history, Utterance own) {
        List<Utterance> lines = new ArrayList<>(history.size());
        for (Utterance line : history) {
            if (isHumanText(line) && !line.text().isBlank() && !isCommand(line) && (own == null || line.seq() != own.seq())) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean isHumanText(Utterance line) {
        return line.byHuman() && line.kind() == MessageKind.TEXT;
    }

    /** "/summary", "@knowledge 我们几点集合?": addressed to an agent, not something the group said. */
    private boolean isCommand(Utterance line) {
        return SLASH_COMMAND.matcher(line.text()).find() || agentMention.matcher(line.text()).find();
    }

    private String withoutCommand(String question) {
        return agentMention.matcher(question).replaceFirst("");
    }

    private static String reply(String asked, List<Quote> quotes) {
        boolean chinese = ChatText.hasChinese(asked);
        if (quotes.isEmpty()) {
            return chinese ? NO_MATCH_ZH : NO_MATCH_EN;
        }
        // In the order they were said, so a change reads after what it changes.
        String said = quotes.stream().sorted(Comparator.comparingLong(Quote::seq))
                .map(quote -> "#" + quote.seq() + " " + quote.senderId() + (chinese ? "：" : ": ") + oneLine(quote.text()))
                .collect(Collectors.joining("\n"));
        String topic = Wording.topic(asked);
        return chinese ? "关于“" + topic + "”，群里说过：\n" + said : "About \"" + topic + "\", people here said:\n" + said;
    }

    private static String oneLine(String text) {
        return LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
    }
}
