package pai.agent.service.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.hankcs.hanlp.HanLP;

import pai.agent.domain.Utterance;
import pai.agent.service.summary.Transcripts.Transcript;
import pai.events.agent.KeyPoint;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

class SummarizerTest {
    private static final Set<String> ENGLISH_FILLER = Set.of("about", "after", "before", "could", "every", "everyone",
            "there", "their", "think", "should", "would", "which", "because", "where", "maybe", "people", "really");

    private final Summarizer summarizer = new Summarizer();

    @Test
    void aChineseGroupChatIsSummedUpByItsCentralSentencesInTheOrderTheyWereSaid() {
        Transcript chat = Transcripts.read("/transcripts/hiking-zh.txt");

        Summary summary = summarizer.summarize(chat.utterances(), 6);
        System.out.println(summary.text());

        assertAreCentralSentencesOf(chat, summary, 6);
        assertThat(summary.text()).startsWith("#" + first(chat) + "–#" + last(chat) + " 的要点");
        assertCovers(summary, topTerms(content(chat), SummarizerTest::chineseNouns, 3));
    }

    @Test
    void anEnglishGroupChatIsSummedUpByItsCentralSentencesInTheOrderTheyWereSaid() {
        Transcript chat = Transcripts.read("/transcripts/bookclub-en.txt");

        Summary summary = summarizer.summarize(chat.utterances(), 6);
        System.out.println(summary.text());

        assertAreCentralSentencesOf(chat, summary, 6);
        assertThat(summary.text()).startsWith("Key points of #" + first(chat) + "–#" + last(chat));
        assertCovers(summary, topTerms(content(chat), SummarizerTest::englishWords, 3));
    }

    @Test
    void aChatThatMixesChineseAndEnglishIsSummedUpFromBoth() {
        Transcript chat = Transcripts.read("/transcripts/dinner-mixed.txt");

        Summary summary = summarizer.summarize(chat.utterances(), 4);
        System.out.println(summary.text());

        assertAreCentralSentencesOf(chat, summary, 4);
        assertThat(summary.keyPoints()).anyMatch(point -> point.text().codePoints().anyMatch(SummarizerTest::isHan));
        assertThat(summary.keyPoints()).anyMatch(point -> point.text().matches("^[\\p{IsLatin}\\p{Punct}\\s\\d’]+$"));
    }

    @Test
    void agentAndSystemMessagesAndImagesNeverBecomeKeyPoints() {
        Transcript chat = Transcripts.read("/transcripts/hiking-zh.txt");
        List<Utterance> lines = new ArrayList<>(chat.utterances());
        long seq = last(chat);
        // Echoes of the chat's own content sentences: as people's lines they would be the most central.
        for (Utterance said : content(chat)) {
            SenderKind echo = ++seq % 2 == 0 ? SenderKind.AGENT : SenderKind.SYSTEM;
            lines.add(new Utterance(seq, "echo", echo, MessageKind.TEXT, said.text(), null, List.of(), null, said.at()));
            lines.add(new Utterance(++seq, "photographer", SenderKind.USER, MessageKind.IMAGE, said.text(), "m" + seq,
                    List.of(), null, said.at()));
        }

        Summary summary = summarizer.summarize(lines, 6);

        assertThat(summary.keyPoints()).isNotEmpty();
        Map<Long, Utterance> bySeq = lines.stream().collect(Collectors.toMap(Utterance::seq, Function.identity()));
        assertThat(summary.keyPoints()).allSatisfy(point -> {
            assertThat(bySeq.get(point.seq()).senderKind()).isEqualTo(SenderKind.USER);
            assertThat(bySeq.get(point.seq()).kind()).isEqualTo(MessageKind.TEXT);
        });
        assertThat(summary.toSeq()).isEqualTo(seq);
    }

    @Test
    void greetingsThanksStickersLinksAndCommandsHaveNothingToSummarise() {
        List<String> said = List.of("hi", "早", "大家早上好！", "哈哈哈", "哈哈哈哈哈哈 😂", "好的", "好的好的", "thx", "Thank you!",
                "👍", "😂😂😂", "ok", "OK 👌", "lol", "晚安", "收到", "https://example.com/route", "/summary",
                "@summarizer", "在吗", "sounds good");
        List<Utterance> lines = new ArrayList<>();
        for (String text : said) {
            lines.add(Utterance.said(40 + lines.size(), "u" + lines.size() % 3, text, Instant.EPOCH));
        }

        Summary summary = summarizer.summarize(lines, 6);

        assertThat(summary.keyPoints()).isEmpty();
        assertThat(summary.text()).contains("#40–#" + (40 + said.size() - 1)).contains("没有需要总结的内容");
        assertThat(summary.fromSeq()).isEqualTo(40);
        assertThat(summary.toSeq()).isEqualTo(40 + said.size() - 1);
    }

    @Test
    void anEmptyChatHasNothingToSummarise() {
        Summary summary = summarizer.summarize(List.of(), 6);

        assertThat(summary.keyPoints()).isEmpty();
        assertThat(summary.text()).isEqualTo("Nothing to summarise.");
    }

    @Test
    void mentionsAreStrippedFromKeyPoints() {
        Transcript chat = Transcripts.read("/transcripts/hiking-zh.txt");
        List<Utterance> lines = chat.utterances().stream().map(line -> line.byHuman() && !chat.flagged(line, '~')
                ? new Utterance(line.seq(), line.senderId(), line.senderKind(), line.kind(), "@xiaoyu " + line.text(),
                        null, List.of("xiaoyu"), null, line.at())
                : line).toList();

        Summary summary = summarizer.summarize(lines, 6);

        assertThat(summary.keyPoints()).isNotEmpty().noneMatch(point -> point.text().contains("@"));
    }

    @Test
    void askingForNoKeyPointsIsRefused() {
        assertThatThrownBy(() -> summarizer.summarize(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aThousandMessagesAreSummedUpWithinASanityBound() {
        List<Utterance> transcript = Transcripts.load("/transcripts/hiking-zh.txt");
        List<Utterance> thousand = new ArrayList<>();
        for (int index = 0; thousand.size() < 1000; index++) {
            Utterance line = transcript.get(index % transcript.size());
            thousand.add(new Utterance(thousand.size() + 1, line.senderId(), line.senderKind(), line.kind(),
                    line.text(), line.mediaId(), line.mentions(), null, line.at().plusSeconds(60L * thousand.size())));
        }
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            summarizer.summarize(thousand, 6);
        }

        long[] millis = new long[5];
        Summary summary = null;
        for (int run = 0; run < millis.length; run++) {
            long started = System.nanoTime();
            summary = summarizer.summarize(thousand, 6);
            millis[run] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.println("Summarised 1,000 messages in " + Arrays.toString(millis) + " ms");

        assertThat(summary.keyPoints()).hasSizeBetween(1, 6);
        assertThat(summary.fromSeq()).isEqualTo(1);
        assertThat(summary.toSeq()).isEqualTo(1000);
        assertThat(millis[millis.length / 2]).isLessThan(2000);
    }

    /** Every key point is a sentence a person said in that message, with content, in seq order. */
    private static void assertAreCentralSentencesOf(Transcript chat, Summary summary, int max) {
        Map<Long, Utterance> bySeq = chat.utterances().stream()
                .collect(Collectors.toMap(Utterance::seq, Function.identity()));
        assertThat(summary.keyPoints()).hasSizeBetween(Math.min(3, max), max);
        assertThat(summary.keyPoints()).extracting(KeyPoint::seq).isSorted().doesNotHaveDuplicates();
        assertThat(summary.fromSeq()).isEqualTo(first(chat));
        assertThat(summary.toSeq()).isEqualTo(last(chat));
        int number = 0;
        for (KeyPoint point : summary.keyPoints()) {
            Utterance said = bySeq.get(point.seq());
            assertThat(said.senderKind()).isEqualTo(SenderKind.USER);
            assertThat(chat.flagged(said, '~')).as("noise line %s chosen", point).isFalse();
            assertThat(point.senderId()).isEqualTo(said.senderId());
            assertThat(said.text().replaceAll("@[A-Za-z0-9_.-]+\\s*", "")).contains(point.text());
            assertThat(point.text()).isNotBlank();
            assertThat(summary.text()).contains(++number + ". " + said.senderId());
            assertThat(summary.text()).contains(point.text());
        }
    }

    /** Each of the terms appears in at least one key point. */
    private static void assertCovers(Summary summary, List<String> terms) {
        String keyPoints = summary.keyPoints().stream().map(KeyPoint::text).collect(Collectors.joining(" "))
                .toLowerCase(Locale.ROOT);
        assertThat(terms).allSatisfy(term -> assertThat(keyPoints).contains(term));
    }

    private static List<Utterance> content(Transcript chat) {
        return chat.utterances().stream()
                .filter(line -> line.byHuman() && line.kind() == MessageKind.TEXT && !chat.flagged(line, '~'))
                .toList();
    }

    /** The words that the most content lines use. */
    private static List<String> topTerms(List<Utterance> lines, Function<String, Set<String>> words, int count) {
        Map<String, Long> linesUsing = lines.stream().flatMap(line -> words.apply(line.text()).stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> top = linesUsing.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(count).map(Map.Entry::getKey).toList();
        System.out.println("Most used content words: " + top);
        return top;
    }

    private static Set<String> chineseNouns(String text) {
        return HanLP.segment(text).stream()
                .filter(term -> term.nature.toString().startsWith("n") && term.word.codePoints().allMatch(SummarizerTest::isHan)
                        && term.word.length() >= 2)
                .map(term -> term.word).collect(Collectors.toSet());
    }

    private static Set<String> englishWords(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z]+"))
                .filter(word -> word.length() >= 5 && !ENGLISH_FILLER.contains(word)).collect(Collectors.toSet());
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static long first(Transcript chat) {
        return chat.utterances().stream().map(Utterance::seq).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static long last(Transcript chat) {
        return chat.utterances().stream().map(Utterance::seq).max(Comparator.naturalOrder()).orElseThrow();
    }
}
