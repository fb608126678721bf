package pai.agent.service.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TextRank over sentences (Mihalcea and Tarau, 2004): sentences are nodes, edges weigh how much two
 * sentences share (cosine of their TF-IDF vectors), and PageRank over that graph finds the sentences
 * the rest of the talk keeps coming back to. The graph is dense, so callers bound the sentence count.
 */
final class TextRank {
    private static final double DAMPING = 0.85;
    private static final int MAX_ITERATIONS = 60;
    private static final double CONVERGED = 1e-6;

    private final double[][] similarity;
    private final double[] scores;

    private TextRank(double[][] similarity, double[] scores) {
        this.similarity = similarity;
        this.scores = scores;
    }

    /** Ranks sentences given as their content terms. */
    static TextRank of(List<List<String>> sentences) {
        double[][] similarity = similarities(sentences);
        return new TextRank(similarity, pageRank(similarity));
    }

    double score(int sentence) {
        return scores[sentence];
    }

    double similarity(int one, int other) {
        return similarity[one][other];
    }

    private static double[][] similarities(List<List<String>> sentences) {
        int count = sentences.size();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (List<String> terms : sentences) {
            terms.stream().distinct().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        // Unit TF-IDF vectors, kept as postings so that only sentences sharing a term are compared.
        Map<String, List<double[]>> postings = new HashMap<>();
        for (int index = 0; index < count; index++) {
            Map<String, Double> weights = new HashMap<>();
            for (String term : sentences.get(index)) {
                weights.merge(term, Math.log(1.0 + (double) count / documentFrequency.get(term)), Double::sum);
            }
            double norm = Math.sqrt(weights.values().stream().mapToDouble(weight -> weight * weight).sum());
            for (Map.Entry<String, Double> weight : weights.entrySet()) {
                postings.computeIfAbsent(weight.getKey(), term -> new ArrayList<>())
                        .add(new double[] { index, weight.getValue() / norm });
            }
        }
        double[][] similarity = new double[count][count];
        for (List<double[]> posting : postings.values()) {
            for (int one = 0; one < posting.size(); one++) {
                for (int other = one + 1; other < posting.size(); other++) {
                    int a = (int) posting.get(one)[0];
                    int b = (int) posting.get(other)[0];
                    double shared = posting.get(one)[1] * posting.get(other)[1];
                    similarity[a][b] += shared;
                    similarity[b][a] += shared;
                }
            }
        }
        return similarity;
    }

    private static double[] pageRank(double[][] similarity) {
        int count = similarity.length;
        double[] outWeight = new double[count];
        for (int from = 0; from < count; from++) {
            for (int to = 0; to < count; to++) {
                outWeight[from] += similarity[from][to];
            }
        }
        double[] scores = new double[count];
        Arrays.fill(scores, 1.0);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = new double[count];
            double change = 0;
            for (int to = 0; to < count; to++) {
                double incoming = 0;
                for (int from = 0; from < count; from++) {
                    if (similarity[from][to] > 0) {
                        incoming += similarity[from][to] / outWeight[from] * scores[from];
                    }
                }
                next[to] = (1 - DAMPING) + DAMPING * incoming;
                change = Math.max(change, Math.abs(next[to] - scores[to]));
            }
            scores = next;
            if (change < CONVERGED) {
                break;
            }
        }
        return scores;
    }
}
