package pai.agent.service.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import pai.agent.domain.Utterance;
import pai.agent.service.knowledge.GroupMemory.Answer;
import pai.agent.service.knowledge.GroupMemory.Quote;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

class GroupMemoryTest {
    private static final Instant START = Instant.parse("2025-10-17T08:00:00Z");

    private final GroupMemory memory = new GroupMemory();
    private final List<Utterance> chinese = transcript("knowledge-zh.txt");
    private final List<Utterance> english = transcript("knowledge-en.txt");
    private final List<Utterance> mixed = transcript("knowledge-mixed.txt");

    @Test
    void aWhatTimeQuestionQuotesTheLineThatSetTheMeetingTime() {
        long setTime = seqOf(chinese, line -> line.text().contains("集合") && line.text().contains("八点"));

        Answer answer = memory.answer("我们几点集合?", chinese, 3);

        assertThat(answer.found()).isTrue();
        assertThat(answer.quotes()).extracting(Quote::seq).contains(setTime);
        assertThat(answer.text()).startsWith("关于“几点集合”，群里说过：")
                .contains("#" + setTime + " " + senderOf(chinese, setTime) + "：" + textOf(chinese, setTime));
    }

    @Test
    void aLaterChangeOfTheTimeIsQuotedFirstAndReadsAfterWhatItChanges() {
        long setTime = seqOf(chinese, line -> line.text().contains("集合") && line.text().contains("八点"));
        long changed = seqOf(chinese, line -> line.text().contains("改到") && line.text().contains("九点"));
        assertThat(changed).isGreaterThan(setTime);

        Answer answer = memory.answer("@knowledge 我们几点集合?", chinese, 3);

        assertThat(answer.quotes().get(0).seq()).isEqualTo(changed);
        assertThat(answer.quotes()).extracting(Quote::seq).contains(setTime);
        assertThat(answer.text().indexOf("#" + setTime + " ")).isLessThan(answer.text().indexOf("#" + changed + " "));
    }

    @Test
    void anEnglishWhatTimeQuestionPrefersTheLaterChange() {
        long setTime = seqOf(english, line -> line.text().contains("meet") && line.text().contains("8am"));
        long changed = seqOf(english, line -> line.text().contains("instead"));

        Answer answer = memory.answer("What time do we meet?", english, 2);

        assertThat(answer.quotes()).extracting(Quote::seq).containsExactly(changed, setTime);
        assertThat(answer.text()).startsWith("About \"What time do we meet\", people here said:\n#" + setTime + " lena: ");
    }

    @Test
    void aWhereQuestionFindsThePlaceAndNotTheTimeChange() {
        long place = seqOf(english, line -> line.text().contains("meet") && line.text().contains("entrance"));
        long timeChange = seqOf(english, line -> line.text().contains("instead"));

        Answer answer = memory.answer("where do we meet?", english, 3);

        assertThat(answer.found()).isTrue();
        assertThat(answer.quotes().get(0).seq()).isEqualTo(place);
        assertThat(answer.quotes()).extracting(Quote::seq).doesNotContain(timeChange);
        assertThat(answer.text()).contains("#" + place + " lena: " + textOf(english, place));
    }

    @Test
    void aChineseWhereQuestionFindsTheMeetingPlace() {
        long place = seqOf(chinese, line -> line.text().contains("集合") && line.text().contains("北宫门"));

        Answer answer = memory.answer("我们在哪里集合？", chinese, 1);

        assertThat(answer.quotes()).extracting(Quote::seq).containsExactly(place);
    }

    @Test
    void aQuestionWithoutATypeFindsTheLineAboutItsTopic() {
        long mat = seqOf(chinese, line -> line.text().contains("野餐垫"));
        long book = seqOf(english, line -> line.text().contains("reading") && !Wording.asks(line.text()));

        assertThat(memory.answer("谁带野餐垫?", chinese, 1).quotes()).extracting(Quote::seq).containsExactly(mat);
        assertThat(memory.answer("what are we reading for book club?", english, 1).quotes())
                .extracting(Quote::seq).containsExactly(book);
    }

    @Test
    void mixedLanguageLinesAreFoundByTheirChineseAndTheirEnglishWords() {
        long dinner = seqOf(mixed, line -> line.text().contains("team dinner") && line.text().contains("店"));
        long deadline = seqOf(mixed, line -> line.text().contains("deadline") && !Wording.asks(line.text()));
        long standup = seqOf(mixed, line -> line.text().contains("standup"));

        assertThat(memory.answer("team dinner 在哪里?", mixed, 1).quotes()).extracting(Quote::seq).containsExactly(dinner);
        assertThat(memory.answer("when is the deadline?", mixed, 1).quotes()).extracting(Quote::seq).containsExactly(deadline);
        Answer inChinese = memory.answer("deadline 是什么时候？", mixed, 1);
        assertThat(inChinese.quotes()).extracting(Quote::seq).containsExactly(deadline);
        assertThat(inChinese.text()).startsWith("关于“deadline 是什么时候”，群里说过：");
        assertThat(memory.answer("standup 改到几点了？", mixed, 1).quotes()).extracting(Quote::seq).containsExactly(standup);
    }

    @Test
    void anUnrelatedQuestionFindsNothingAndClaimsNoAnswer() {
        assertThat(chinese).anyMatch(line -> line.text().contains("水"));
        Answer mars = memory.answer("火星上有水吗?", chinese, 3);
        Answer peru = memory.answer("what is the capital of Peru?", english, 3);

        assertThat(mars.found()).isFalse();
        assertThat(mars.quotes()).isEmpty();
        assertThat(mars.text()).isEqualTo("群里还没有人说过这个。").doesNotContain("#");
        assertThat(peru.found()).isFalse();
        assertThat(peru.text()).isEqualTo("Nobody here has said anything about that yet.");
        assertThat(memory.answer("明天会下雨吗？", mixed, 3).found()).isFalse();
    }

    @Test
    void agentSystemRecalledAndCommandLinesAreNeverQuoted() {
        for (List<Utterance> transcript : List.of(chinese, english, mixed)) {
            List<Long> unquotable = transcript.stream()
                    .filter(line -> !line.byHuman() || line.kind() != MessageKind.TEXT || line.text().startsWith("@"))
                    .map(Utterance::seq).toList();
            assertThat(unquotable).hasSizeGreaterThanOrEqualTo(2);
            for (Utterance line : transcript) {
                // Asking each unquotable line's own words is the surest way to reach it if it were indexed.
                List<String> questions = List.of(line.text(), "几点集合?", "where do we meet?", "team dinner 在哪?");
                for (String question : questions) {
                    assertThat(memory.answer(question, transcript, 5).quotes()).extracting(Quote::seq)
                            .as("answers to %s", question).doesNotContainAnyElementsOf(unquotable);
                }
            }
        }
    }

    @Test
    void aCommandToAnAgentIsNotSomethingTheGroupSaid() {
        List<Utterance> commands = List.of(
                Utterance.said(1, "ann", "@planner 周六八点在北宫门集合", START),
                Utterance.said(2, "ben", "/summary 集合 九点", START.plusSeconds(60)));

        assertThat(memory.answer("我们几点集合?", commands, 3).found()).isFalse();
        assertThat(memory.answer("我们几点集合?", List.of(Utterance.said(3, "ann", "周六八点在北宫门集合", START)), 3)
                .found()).isTrue();
    }

    @Test
    void theQuestionsOwnMessageIsNotItsAnswer() {
        List<Utterance> asked = new ArrayList<>(english);
        asked.add(Utterance.said(1000, "zoe", "what is the capital of Peru?", START.plusSeconds(60_000)));

        assertThat(memory.answer("what is the capital of Peru?", asked, 3).found()).isFalse();
    }

    @Test
    void aQuestionAskedAndAnsweredBeforeIsAnsweredByTheEarlierAnswer() {
        long earlier = seqOf(chinese, line -> line.text().contains("登山杖") && Wording.asks(line.text()));
        Utterance answer = chinese.stream().filter(line -> line.seq() > earlier && !line.senderId().equals(senderOf(chinese, earlier)))
                .findFirst().orElseThrow();
        List<Utterance> askedAgain = new ArrayList<>(chinese);
        askedAgain.add(Utterance.said(1000, "frank", textOf(chinese, earlier), START.plusSeconds(60_000)));

        Answer again = memory.answer(textOf(chinese, earlier), askedAgain, 3);

        assertThat(again.quotes()).extracting(Quote::seq).startsWith(answer.seq()).doesNotContain(1000L);
        assertThat(again.text()).contains("#" + answer.seq() + " " + answer.senderId() + "：" + answer.text());
        assertThat(memory.answer("who has a sleeping bag?", english, 1).quotes()).extracting(Quote::text)
                .singleElement().satisfies(text -> assertThat(text).doesNotContain("?"));
    }

    @Test
    void aQuestionNobodyAnsweredIsNoAnswer() {
        List<Utterance> history = new ArrayList<>(List.of(
                Utterance.said(1, "ann", "Does anyone know the wifi password?", START),
                Utterance.said(2, "ben", "My cat is asleep on my keyboard", START.plusSeconds(60)),
                Utterance.said(3, "cy", "Lunch was great today", START.plusSeconds(120))));

        assertThat(memory.answer("what is the wifi password?", history, 3).found()).isFalse();
        history.add(Utterance.said(4, "dee", "The wifi password is on the fridge", START.plusSeconds(180)));
        assertThat(memory.answer("what is the wifi password?", history, 3).quotes()).extracting(Quote::seq).startsWith(4L);
    }

    @Test
    void questionScoreIsHighForAnswerableQuestionsAndLowForStatementsAndUnknowns() {
        double whenChinese = memory.questionScore(said("我们几点集合?"), chinese);
        double whereEnglish = memory.questionScore(said("where do we meet?"), english);
        double statement = memory.questionScore(said("周六早上八点在颐和园北宫门集合"), chinese);
        double chatter = memory.questionScore(said("I finally fixed my bike"), english);
        double unknown = memory.questionScore(said("火星上有水吗?"), chinese);
        double unknownEnglish = memory.questionScore(said("what is the capital of Peru?"), english);

        assertThat(List.of(whenChinese, whereEnglish)).allSatisfy(score -> assertThat(score).isBetween(0.7, 1.0));
        assertThat(List.of(statement, chatter, unknown, unknownEnglish)).allSatisfy(score -> assertThat(score).isBetween(0.0, 0.2));
    }

    @Test
    void questionScoreIsLowForAQuestionTooVagueToAnswerUnasked() {
        assertThat(chinese).filteredOn(line -> line.text().contains("吃")).hasSizeGreaterThan(2);

        assertThat(memory.questionScore(said("你们吃了吗?"), chinese)).isLessThan(0.2);
    }

    @Test
    void questionScoreIgnoresAgentsAndTheMessageItself() {
        Utterance fromAgent = new Utterance(999, "planner", SenderKind.AGENT, MessageKind.TEXT, "我们几点集合?", null,
                List.of(), null, START);
        Utterance question = said("what is the capital of Peru?");
        List<Utterance> withItself = new ArrayList<>(english);
        withItself.add(question);

        assertThat(memory.questionScore(fromAgent, chinese)).isZero();
        assertThat(memory.questionScore(question, withItself)).isLessThan(0.2);
    }

    @Test
    void theGroundingPromptHoldsTheModelToTheQuotesAndTheirSeqs() {
        Answer answer = memory.answer("我们几点集合?", chinese, 3);

        String prompt = memory.groundingPrompt("我们几点集合?", answer.quotes());
        String none = memory.groundingPrompt("what is the capital of Peru?", List.of());

        assertThat(prompt).contains("我们几点集合?").contains("only").contains("#seq");
        for (Quote quote : answer.quotes()) {
            assertThat(prompt).contains("#" + quote.seq() + " " + quote.senderId() + ": " + quote.text());
        }
        assertThat(prompt).contains("群里还没有人说过这个。");
        assertThat(none).contains("Nobody here has said anything about that yet.").doesNotContain("\n#");
    }

    @Test
    void fiveThousandLinesAreIndexedAndAnsweredQuickly() {
        List<Utterance> pool = new ArrayList<>();
        for (List<Utterance> transcript : List.of(chinese, english, mixed)) {
            pool.addAll(transcript);
        }
        List<Utterance> history = new ArrayList<>();
        for (int i = 0; history.size() < 5_000; i++) {
            Utterance line = pool.get(i % pool.size());
            history.add(new Utterance(i + 1, line.senderId(), line.senderKind(), line.kind(), line.text(), null,
                    List.of(), null, START.plusSeconds(i)));
        }
        for (int warm = 0; warm < 10; warm++) {
            memory.answer("我们几点集合?", history, 3);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[20];
        long[] cpu = new long[wall.length];
        for (int run = 0; run < wall.length; run++) {
            long started = System.nanoTime();
            long startedCpu = threads.getCurrentThreadCpuTime();
            Answer answer = memory.answer(run % 2 == 0 ? "我们几点集合?" : "where do we meet?", history, 3);
            wall[run] = System.nanoTime() - started;
            cpu[run] = threads.getCurrentThreadCpuTime() - startedCpu;
            assertThat(answer.found()).isTrue();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        // Wall time counts waiting for a core on a busy machine; the thread's CPU time is the work itself.
        System.out.printf("GroupMemory over %d lines: wall median %.1f ms (max %.1f), CPU median %.1f ms (max %.1f)%n",
                history.size(), wall[wall.length / 2] / 1e6, wall[wall.length - 1] / 1e6,
                cpu[cpu.length / 2] / 1e6, cpu[cpu.length - 1] / 1e6);
        assertThat(wall[wall.length / 2]).isLessThan(2_000_000_000L);
    }

    private static Utterance said(String text) {
        return Utterance.said(5_000, "zoe", text, START.plusSeconds(50_000));
    }

    private static long seqOf(List<Utterance> transcript, Predicate<Utterance> property) {
        List<Long> seqs = transcript.stream()
                .filter(line -> line.byHuman() && line.kind() == MessageKind.TEXT && !line.text().startsWith("@"))
                .filter(property).map(Utterance::seq).toList();
        assertThat(seqs).as("one human line with that property").hasSize(1);
        return seqs.get(0);
    }

    private static String textOf(List<Utterance> transcript, long seq) {
        return transcript.stream().filter(line -> line.seq() == seq).findFirst().orElseThrow().text();
    }

    private static String senderOf(List<Utterance> transcript, long seq) {
        return transcript.stream().filter(line -> line.seq() == seq).findFirst().orElseThrow().senderId();
    }

    /**
     * {@code seq|sender|text} per line, a minute apart; "#" starts a comment. A sender "agent:id" is an
     * agent, "system" the system, "recalled:id" a recalled message that keeps its words, so a test can
     * show that the words are skipped for the kind, not for being gone.
     */
    private static List<Utterance> transcript(String name) {
        try (InputStream in = GroupMemoryTest.class.getResourceAsStream("/transcripts/" + name)) {
            List<Utterance> lines = new ArrayList<>();
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split("\\|", 3);
                long seq = Long.parseLong(cells[0]);
                String sender = cells[1];
                Instant at = START.plusSeconds(60 * seq);
                SenderKind senderKind = sender.startsWith("agent:") ? SenderKind.AGENT
                        : sender.equals("system") ? SenderKind.SYSTEM : SenderKind.USER;
                MessageKind kind = sender.startsWith("recalled:") ? MessageKind.RECALLED : MessageKind.TEXT;
                String senderId = sender.contains(":") ? sender.substring(sender.indexOf(':') + 1) : sender;
                lines.add(new Utterance(seq, senderId, senderKind, kind, cells[2], null, List.of(), null, at));
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read transcript " + name, e);
        }
    }
}
