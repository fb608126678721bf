import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.summary.TextRankSentence;

import pai.agent.domain.Utterance;
import pai.agent.service.orchestration.Orchestrator;
import pai.agent.service.orchestration.Replay;
import pai.agent.service.orchestration.TestAgents;
import pai.agent.service.summary.Summarizer;
import pai.agent.service.summary.Summary;
import pai.agent.service.summary.Transcripts;

/**
 * The agents' benchmark (issue 8): the orchestrator's decision per message and the summarizer on
 * 1,000 messages, each beside a baseline measured in the same run on the same text.
 *
 * Decision: the committed busy transcript (580 messages, all five agents on, default rules) replayed
 * through the orchestrator with the real triggers, ROUNDS times after WARMUP rounds; every decision is
 * timed (the agents' own messages included). Baseline: HanLP segmenting the same message once, the least
 * any Chinese-reading trigger has to do.
 *
 * Summary: the busy transcript's lines repeated to 1,000 messages, summarised RUNS times after
 * warm-up. Baseline: HanLP's stock TextRankSentence over the same 1,000 messages' text.
 */
public class AgentsBench {
    public static void main(String[] args) {
        int warmup = Integer.getInteger("warmup", 20);
        int rounds = Integer.getInteger("rounds", 50);
        int runs = Integer.getInteger("runs", 30);
        List<Utterance> transcript = Transcripts.load("/transcripts/busy-group.txt");
        Orchestrator orchestrator = TestAgents.orchestrator();
        Replay replay = new Replay(orchestrator, TestAgents.allOn(1), 50);

        System.out.printf("decision: %d messages of the busy transcript, %d warm-up rounds, %d measured%n",
                transcript.size(), warmup, rounds);
        for (int i = 0; i < warmup; i++) {
            replay.run(transcript);
        }
        List<Long> decisions = new ArrayList<>();
        long agentMessages = 0;
        long humanMessages = 0;
        for (int i = 0; i < rounds; i++) {
            for (Replay.Step step : replay.run(transcript)) {
                decisions.add(step.nanos());
                if (step.message().byHuman()) {
                    humanMessages++;
                    agentMessages += step.decision().turns().size();
                }
            }
        }
        List<Long> segments = new ArrayList<>();
        for (int i = 0; i < warmup + rounds; i++) {
            for (Utterance message : transcript) {
                long started = System.nanoTime();
                HanLP.segment(message.text());
                if (i >= warmup) {
                    segments.add(System.nanoTime() - started);
                }
            }
        }
        long[] decided = sorted(decisions);
        long[] segmented = sorted(segments);
        System.out.printf(Locale.ROOT, "  decision   p50 %7.1f µs  p99 %7.1f µs  p99.9 %7.1f µs  max %7.1f µs  (%d decisions)%n",
                micros(at(decided, 0.5)), micros(at(decided, 0.99)), micros(at(decided, 0.999)),
                micros(decided[decided.length - 1]), decided.length);
        System.out.printf(Locale.ROOT, "  baseline   p50 %7.1f µs  p99 %7.1f µs  (HanLP.segment of the same messages)%n",
                micros(at(segmented, 0.5)), micros(at(segmented, 0.99)));
        System.out.printf(Locale.ROOT, "  ratio p99 decision / segment %.1f; p99 against the 1 ms budget: %.2f%n",
                (double) at(decided, 0.99) / at(segmented, 0.99), at(decided, 0.99) / 1_000_000.0);
        System.out.printf(Locale.ROOT, "  agent messages per human message %.3f (%d / %d)%n",
                (double) agentMessages / humanMessages, agentMessages, humanMessages);

        List<Utterance> thousand = new ArrayList<>();
        for (int i = 0; thousand.size() < 1000; i++) {
            Utterance line = transcript.get(i % transcript.size());
            thousand.add(new Utterance(thousand.size() + 1, line.senderId(), line.senderKind(), line.kind(), line.text(),
                    line.mediaId(), line.mentions(), null, line.at()));
        }
        StringBuilder document = new StringBuilder();
        thousand.forEach(line -> document.append(line.text()).append('\n'));
        Summarizer summarizer = new Summarizer();
        System.out.printf("summary: %d messages, %d warm-up runs, %d measured%n", thousand.size(), warmup, runs);
        Summary last = null;
        for (int i = 0; i < warmup; i++) {
            last = summarizer.summarize(thousand, 6);
            TextRankSentence.getTopSentenceList(document.toString(), 6);
        }
        long[] ours = new long[runs];
        long[] stock = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            last = summarizer.summarize(thousand, 6);
            ours[i] = System.nanoTime() - started;
            started = System.nanoTime();
            TextRankSentence.getTopSentenceList(document.toString(), 6);
            stock[i] = System.nanoTime() - started;
        }
        Arrays.sort(ours);
        Arrays.sort(stock);
        System.out.printf(Locale.ROOT, "  summarizer median %6.1f ms  p90 %6.1f ms  (%d key points)%n",
                millis(at(ours, 0.5)), millis(at(ours, 0.9)), last.keyPoints().size());
        System.out.printf(Locale.ROOT, "  baseline   median %6.1f ms  p90 %6.1f ms  (HanLP TextRankSentence on the same text)%n",
                millis(at(stock, 0.5)), millis(at(stock, 0.9)));
        System.out.printf(Locale.ROOT, "  ratio median summarizer / TextRankSentence %.2f; median against the 500 ms aim: %.2f%n",
                (double) at(ours, 0.5) / at(stock, 0.5), at(ours, 0.5) / 500_000_000.0);
    }

    private static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
