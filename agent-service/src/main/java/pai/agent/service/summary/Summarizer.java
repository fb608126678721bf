package pai.agent.service.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import pai.agent.domain.Utterance;
import pai.agent.service.summary.ContentSentences.Sentence;
import pai.agent.service.text.ChatText;
import pai.events.agent.KeyPoint;

/**
 * The offline summary of a stretch of chat: the sentences TextRank finds most central among those
 * with content, at most one per message and none repeating another, told in the order they were said
 * and in the chat's main language. Pure and thread-safe; HanLP is loaded when the summarizer is made.
 */
@ApplicationScoped
public class Summarizer {
    /**
     * The graph is quadratic in its sentences, so a long backlog is ranked over its richest sentences
     * (most distinct content words), which keeps a 1,000-message summary within a few tens of ms.
     */
    private static final int MAX_CANDIDATES = 300;
    /** A sentence this close to one already chosen says the same thing again. */
    private static final double SAME_POINT = 0.5;
    /** A question asks for a point rather than making one, so it ranks below a statement as central. */
    private static final double QUESTION_WEIGHT = 0.75;
    /** A sentence with fewer distinct content words than this has too little to link it to the rest. */
    private static final int MIN_TERMS = 2;

    public Summarizer() {
        ChatText.warmUp();
    }

    public Summary summarize(List<Utterance> lines, int maxSentences) {
        if (maxSentences < 1) {
            throw new IllegalArgumentException("maxSentences must be at least 1, was " + maxSentences);
        }
        long fromSeq = lines.stream().mapToLong(Utterance::seq).min().orElse(0);
        long toSeq = lines.stream().mapToLong(Utterance::seq).max().orElse(0);

        List<Sentence> candidates = new ArrayList<>();
        List<List<String>> terms = new ArrayList<>();
        for (Sentence sentence : ContentSentences.of(lines)) {
            List<String> words = Terms.of(sentence.text());
            if (words.stream().distinct().count() >= MIN_TERMS) {
                candidates.add(sentence);
                terms.add(words);
            }
        }
        List<Integer> kept = richest(terms);
        List<Sentence> sentences = kept.stream().map(candidates::get).toList();
        List<KeyPoint> keyPoints = keyPoints(sentences, kept.stream().map(terms::get).toList(), maxSentences);
        boolean chinese = chinese(sentences.isEmpty() ? lines.stream().map(Utterance::text).toList()
                : sentences.stream().map(Sentence::text).toList());
        return new Summary(SummaryText.of(keyPoints, fromSeq, toSeq, !lines.isEmpty(), chinese), keyPoints, fromSeq,
                toSeq);
    }

    private static List<Integer> richest(List<List<String>> terms) {
        IntStream indexes = IntStream.range(0, terms.size());
        if (terms.size() > MAX_CANDIDATES) {
            indexes = indexes.boxed()
                    .sorted(Comparator.comparingLong((Integer index) -> -terms.get(index).stream().distinct().count()))
                    .limit(MAX_CANDIDATES).mapToInt(Integer::intValue).sorted();
        }
        return indexes.boxed().toList();
    }

    private static List<KeyPoint> keyPoints(List<Sentence> sentences, List<List<String>> terms, int maxSentences) {
        TextRank rank = TextRank.of(terms);
        double[] weight = IntStream.range(0, sentences.size())
                .mapToDouble(index -> rank.score(index) * (isQuestion(sentences.get(index)) ? QUESTION_WEIGHT : 1))
                .toArray();
        List<Integer> byRank = IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer index) -> -weight[index])).toList();
        List<Integer> chosen = new ArrayList<>();
        Set<Long> chosenMessages = new HashSet<>();
        for (Integer index : byRank) {
            if (chosen.size() == maxSentences) {
                break;
            }
            long seq = sentences.get(index).from().seq();
            boolean repeats = chosen.stream().anyMatch(other -> rank.similarity(index, other) > SAME_POINT);
            if (!repeats && chosenMessages.add(seq)) {
                chosen.add(index);
            }
        }
        // Candidates are in the order they were said, so their indexes order the key points.
        return chosen.stream().sorted().map(sentences::get)
                .map(sentence -> new KeyPoint(sentence.from().seq(), sentence.from().senderId(), sentence.text()))
                .toList();
    }

    private static boolean isQuestion(Sentence sentence) {
        return sentence.text().endsWith("?") || sentence.text().endsWith("？") || sentence.text().endsWith("吗");
    }

    private static boolean chinese(List<String> texts) {
        int cjk = texts.stream().mapToInt(ChatText::cjkCount).sum();
        int latin = texts.stream().mapToInt(ChatText::latinWordCount).sum();
        return ChatText.mostlyChinese(cjk, latin);
    }
}
