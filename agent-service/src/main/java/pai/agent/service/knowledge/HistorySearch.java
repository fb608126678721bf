package pai.agent.service.knowledge;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.Term;

import pai.agent.domain.Utterance;
import pai.agent.service.knowledge.Wording.AnswerType;

/**
 * Finds the lines of a history that answer a question, best first.
 * <p>
 * Relevance comes from a Lucene index of the lines ({@link MemoryIndex}); the question's form then
 * steers the ranking: a "几点 / when" question prefers lines that carry a time, a "哪里 / where"
 * question lines that carry a place, a line that itself asks ranks below one that states, and among
 * equals the later line wins. Two kinds of line rarely repeat the question's words and are found
 * through the line they follow instead, ranking with it and, being later, before it:
 * <ul>
 * <li>a change to a matched arrangement ("改到九点吧" after "周六八点集合");
 * <li>the answer to a matched question ("我有两根" after "谁有多余的登山杖？").
 * </ul>
 * Lines that only ask are no answer: if every match asks, nothing is found.
 */
final class HistorySearch {
    /** Below this share of the question's term weight a line is not about the question. */
    static final double MIN_RELEVANCE = 0.6;
    /**
     * Matching only words that many lines use is no match, however much of a short question they
     * cover: what matched must weigh at least as much as a word used in one line in this many (or in
     * two lines, in a short history).
     */
    static final int COMMON_WORD_SHARE = 4;
    /** A line without the kind of answer wanted, or one that asks, keeps this share of its score. */
    static final double OFF_TYPE = 0.75;
    static final double ASKING = 0.75;
    /** Quotes are the best line and those close to it, not every line that passes the threshold. */
    static final double CLOSE_TO_BEST = 0.8;
    /** How many following lines a change to a matched arrangement, or a reply, may come in. */
    static final int CHANGE_WINDOW = 10;
    /** An answer that does not reply explicitly comes within this many lines of its question. */
    static final int ANSWER_WINDOW = 3;
    private static final int CANDIDATES = 200;

    /** A line of the searched list, by position, with its score in [0,1]. */
    record Found(int position, double score) {
    }

    private final ChatAnalysis analysis;

    HistorySearch(ChatAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * Whether a question names its topic well enough to be answered unasked: two words, or one of two
     * characters or more. "你们吃了吗" is a greeting about "吃", not a question for the group's memory.
     */
    boolean isSpecific(String question) {
        List<Term> terms = analysis.topicTerms(question);
        return terms.size() >= 2 || terms.size() == 1 && terms.get(0).text().length() >= 2;
    }

    /** At most {@code limit} of {@code lines} that answer {@code question}, best first; empty if none does. */
    List<Found> search(String question, List<Utterance> lines, int limit) {
        return new Search(question, lines).found(limit);
    }

    /** One question over one list of lines. */
    private final class Search {
        private final List<Utterance> lines;
        private final List<String> texts;
        private final List<Term> asked;
        private final Set<AnswerType> wanted;
        private final Map<Integer, Double> scores = new HashMap<>();

        Search(String question, List<Utterance> lines) {
            this.lines = lines;
            this.texts = lines.stream().map(line -> Wording.normalized(line.text())).toList();
            this.asked = analysis.topicTerms(question);
            this.wanted = Wording.wanted(question);
        }

        List<Found> found(int limit) {
            match();
            double quotable = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0) * CLOSE_TO_BEST;
            // What follows a line ranks with it, so only what follows a quotable line can be quoted.
            List<Found> anchors = scores.entrySet().stream().filter(scored -> scored.getValue() >= quotable)
                    .map(scored -> new Found(scored.getKey(), scored.getValue())).toList();
            for (Found anchor : anchors) {
                if (Wording.asks(texts.get(anchor.position()))) {
                    addAnswer(anchor);
                } else {
                    addChanges(anchor);
                }
            }
            List<Found> ranked = scores.entrySet().stream().filter(scored -> scored.getValue() >= quotable)
                    .map(scored -> new Found(scored.getKey(), scored.getValue()))
                    .sorted(Comparator.comparingDouble(Found::score).reversed()
                            .thenComparing(Comparator.comparingInt(Found::position).reversed()))
                    .toList();
            if (ranked.stream().allMatch(found -> Wording.asks(texts.get(found.position())))) {
                return List.of();
            }
            return ranked.stream().limit(limit).toList();
        }

        private void match() {
            // Most questions share no word with the talk at all: then no index is worth building.
            if (texts.stream().noneMatch(text -> analysis.holdsAny(text, asked))) {
                return;
            }
            List<MemoryIndex.Hit> hits;
            if (texts.size() <= MemoryIndex.SCAN_BELOW) {
                hits = MemoryIndex.scan(texts, asked, analysis, CANDIDATES);
            } else {
                try (MemoryIndex index = MemoryIndex.of(texts, analysis)) {
                    hits = index.search(asked, CANDIDATES);
                }
            }
            double commonWord = MemoryIndex.idf(lines.size(), Math.max(2, lines.size() / COMMON_WORD_SHARE));
            for (MemoryIndex.Hit hit : hits) {
                if (hit.relevance() >= MIN_RELEVANCE && hit.matchedWeight() > commonWord) {
                    String text = texts.get(hit.position());
                    double score = hit.relevance()
                            * (wanted.isEmpty() || carriesWanted(text) ? 1 : OFF_TYPE)
                            * (Wording.asks(text) ? ASKING : 1);
                    scores.merge(hit.position(), score, Math::max);
                }
            }
        }

        /**
         * A matched arrangement's later changes: a line that replies to it and announces a change or,
         * when the arrangement carries the kind of answer wanted, a line within {@link #CHANGE_WINDOW}
         * lines after it that announces a change of nothing else and carries that kind too (the window
         * counts from the last change found, so "改到九点吧" then "还是九点半吧" both count). Nothing but
         * nearness ties such a line to what it changes, so the window is short, and a change that names
         * another subject ("下周 standup 改到十点" after the release deadline) is that subject's.
         */
        private void addChanges(Found arrangement) {
            boolean arranges = !wanted.isEmpty() && carriesWanted(texts.get(arrangement.position()));
            int last = arrangement.position();
            for (int position = last + 1; position < lines.size() && position <= last + CHANGE_WINDOW; position++) {
                String text = texts.get(position);
                if (!Wording.changesAnArrangement(text) || Wording.asks(text)) {
                    continue;
                }
                if (repliesTo(position, arrangement)
                        || arranges && carriesWanted(text) && !namesAnotherSubject(text, arrangement)) {
                    scores.merge(position, arrangement.score(), Math::max);
                    last = position;
                }
            }
        }

        /**
         * A matched question's answer: a line by someone else that does not ask and replies to it
         * (within {@link #CHANGE_WINDOW} lines), or shares a word with it (within {@link #ANSWER_WINDOW}
         * lines), or is the first line by someone else and opens as answers do ("我有两根", "I have
         * two"). It ranks with the question, kept whole only if it carries the kind of answer wanted.
         */
        private void addAnswer(Found question) {
            String asker = lines.get(question.position()).senderId();
            Set<Term> questionTerms = new HashSet<>(analysis.topicTerms(texts.get(question.position())));
            boolean first = true;
            int end = Math.min(lines.size() - 1, question.position() + CHANGE_WINDOW);
            for (int position = question.position() + 1; position <= end; position++) {
                String text = texts.get(position);
                if (lines.get(position).senderId().equals(asker)) {
                    continue;
                }
                boolean near = position <= question.position() + ANSWER_WINDOW;
                boolean answers = !Wording.asks(text) && (repliesTo(position, question)
                        || first && Wording.opensAsAnAnswer(text)
                        || near && analysis.topicTerms(text).stream().anyMatch(questionTerms::contains));
                if (answers) {
                    double typed = wanted.isEmpty() || carriesWanted(text) ? 1 : OFF_TYPE;
                    scores.merge(position, question.score() * typed, Math::max);
                    return;
                }
                first = false;
            }
        }

        private boolean repliesTo(int position, Found earlier) {
            return Long.valueOf(lines.get(earlier.position()).seq()).equals(lines.get(position).replyToSeq());
        }

        private boolean namesAnotherSubject(String change, Found arrangement) {
            List<Term> subject = analysis.topicTerms(Wording.beforeTheChange(change));
            if (subject.isEmpty()) {
                return false;
            }
            Set<Term> known = new HashSet<>(asked);
            known.addAll(analysis.topicTerms(texts.get(arrangement.position())));
            return !known.containsAll(subject);
        }

        private boolean carriesWanted(String text) {
            return Wording.carried(text).stream().anyMatch(wanted::contains);
        }
    }
}
