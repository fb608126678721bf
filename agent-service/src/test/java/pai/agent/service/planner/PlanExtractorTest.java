package pai.agent.service.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import pai.agent.domain.Utterance;
import pai.agent.service.summary.Transcripts;
import pai.agent.service.summary.Transcripts.Transcript;
import pai.events.agent.PlanItem;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

class PlanExtractorTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A Wednesday evening in Beijing. */
    private static final Instant WEDNESDAY = OffsetDateTime.parse("2025-06-04T20:00:00+08:00").toInstant();

    private final PlanExtractor planner = new PlanExtractor();

    @Test
    void aChineseChatYieldsItsPlanWithTheLaterTimeAndPlace() {
        Transcript chat = Transcripts.read("/transcripts/plan-zh.txt");
        List<Utterance> lines = chat.utterances();
        LocalDate saidOn = lines.get(0).at().atZone(BEIJING).toLocalDate();
        assertThat(saidOn.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
        int timeChange = indexOf(lines, "改到九点");

        PlanDraft first = planner.extract(lines.subList(0, timeChange), null, BEIJING).orElseThrow();
        PlanDraft last = planner.extract(lines, null, BEIJING).orElseThrow();

        LocalDate saturday = saidOn.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        assertThat(first.date()).isEqualTo(saturday);
        assertThat(first.time()).isEqualTo(LocalTime.of(8, 0));
        assertThat(first.place()).isEqualTo("北宫门");
        assertThat(first.fromSeq()).isEqualTo(lines.get(indexOf(lines, "周六早上八点北宫门集合")).seq());
        assertThat(last.date()).isEqualTo(saturday);
        assertThat(last.time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(last.place()).isEqualTo("西门");
        assertThat(last.items()).contains(new PlanItem("水", senderOf(lines, "我带水")),
                new PlanItem("帐篷", senderOf(lines, "帐篷我来带")),
                new PlanItem("野餐垫", senderOf(lines, "我带野餐垫")));
        assertThat(last.toSeq()).isGreaterThanOrEqualTo(lines.get(indexOf(lines, "西门见")).seq());
    }

    @Test
    void anEnglishChatYieldsItsPlanWithTheLaterTime() {
        Transcript chat = Transcripts.read("/transcripts/plan-en.txt");
        List<Utterance> lines = chat.utterances();
        LocalDate saidOn = lines.get(0).at().atZone(LONDON).toLocalDate();
        assertThat(saidOn.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        int timeChange = indexOf(lines, "make it 8pm");

        PlanDraft first = planner.extract(lines.subList(0, timeChange), null, LONDON).orElseThrow();
        PlanDraft last = planner.extract(lines, null, LONDON).orElseThrow();

        LocalDate friday = saidOn.with(TemporalAdjusters.next(DayOfWeek.FRIDAY));
        assertThat(first.date()).isEqualTo(friday);
        assertThat(first.time()).isEqualTo(LocalTime.of(19, 0));
        assertThat(first.place()).isEqualTo("Joe's");
        assertThat(last.date()).isEqualTo(friday);
        assertThat(last.time()).isEqualTo(LocalTime.of(20, 0));
        assertThat(last.place()).isEqualTo("Joe's");
        assertThat(last.items()).contains(new PlanItem("tent", "Bob"),
                new PlanItem("snacks", senderOf(lines, "I'll bring snacks")),
                new PlanItem("camping stove", senderOf(lines, "I can bring the stove")));
    }

    @Test
    void aPreviousPlanIsCarriedOnByTheTalkAfterIt() {
        List<Utterance> lines = Transcripts.load("/transcripts/plan-zh.txt");
        int half = indexOf(lines, "改到九点");

        PlanDraft earlier = planner.extract(lines.subList(0, half), null, BEIJING).orElseThrow();
        PlanDraft carriedOn = planner.extract(lines.subList(half, lines.size()), earlier, BEIJING).orElseThrow();

        assertThat(carriedOn).isEqualTo(planner.extract(lines, null, BEIJING).orElseThrow());
        assertThat(carriedOn.fromSeq()).isEqualTo(earlier.fromSeq());
    }

    @Test
    void planningLinesScoreAboveSixTenthsAndOtherTalkBelowThreeTenths() {
        for (String resource : List.of("/transcripts/plan-zh.txt", "/transcripts/plan-en.txt")) {
            Transcript chat = Transcripts.read(resource);
            for (Utterance line : chat.utterances()) {
                double score = planner.planningScore(line);
                assertThat(score).isBetween(0.0, 1.0);
                if (chat.flagged(line, '+')) {
                    assertThat(score).as("planning line %s", line.text()).isGreaterThan(0.6);
                } else if (!chat.flagged(line, '?')) {
                    assertThat(score).as("other talk %s", line.text()).isLessThan(0.3);
                }
            }
        }
    }

    @Test
    void theBriefsExamplesScoreAsPlanningTalkOrNot() {
        assertThat(score("周六八点北宫门集合")).isGreaterThan(0.6);
        assertThat(score("let's meet Friday 7pm at Joe's")).isGreaterThan(0.6);
        assertThat(score("改到九点吧")).isGreaterThan(0.6);
        assertThat(score("换个地方，去西门")).isGreaterThan(0.6);
        assertThat(score("我昨天跑了五公里")).isLessThan(0.3);
        assertThat(score("明天要加班")).isLessThan(0.3);
        assertThat(score("上周六我们八点就到了")).isLessThan(0.3);
    }

    @Test
    void agentsAndTheSystemAreNotPlanningTalk() {
        Utterance agent = new Utterance(1, "planner", SenderKind.AGENT, MessageKind.TEXT, "周六八点北宫门集合", null,
                List.of(), null, WEDNESDAY);
        Utterance system = new Utterance(2, "pai", SenderKind.SYSTEM, MessageKind.TEXT,
                "let's meet Friday 7pm at Joe's", null, List.of(), null, WEDNESDAY);

        assertThat(planner.planningScore(agent)).isZero();
        assertThat(planner.planningScore(system)).isZero();
        assertThat(planner.extract(List.of(agent, system), null, BEIJING)).isEmpty();
    }

    @Test
    void talkWithoutADateATimeOrAPlaceHoldsNoPlan() {
        List<Utterance> lines = List.of(said("我带水"), said("哈哈哈"), said("I'll bring snacks"), said("我昨天跑了五公里"));

        assertThat(planner.extract(lines, null, BEIJING)).isEmpty();
        assertThat(planner.extract(List.of(), null, BEIJING)).isEmpty();
    }

    @Test
    void relativeDatesResolveAgainstTheDayTheMessageWasSaid() {
        LocalDate wednesday = WEDNESDAY.atZone(BEIJING).toLocalDate();

        assertThat(dateOf("明天早上8点在西门集合")).isEqualTo(wednesday.plusDays(1));
        assertThat(dateOf("后天下午三点半北门见")).isEqualTo(wednesday.plusDays(2));
        assertThat(dateOf("周六八点北宫门集合")).isEqualTo(wednesday.plusDays(3));
        assertThat(dateOf("下周五晚上七点在海底捞见")).isEqualTo(wednesday.plusDays(9));
        assertThat(dateOf("周三晚上八点在公司楼下碰头")).isEqualTo(wednesday);
        assertThat(dateOf("6月20号早上八点北宫门集合")).isEqualTo(LocalDate.of(2025, 6, 20));
        assertThat(dateOf("let's meet tomorrow at 7pm at the pub")).isEqualTo(wednesday.plusDays(1));
        assertThat(dateOf("let's meet Friday 7pm at Joe's")).isEqualTo(wednesday.plusDays(2));
        assertThat(dateOf("next Saturday, 10am at Central Park?")).isEqualTo(wednesday.plusDays(10));
        assertThat(dateOf("meet this weekend at noon outside the library")).isEqualTo(wednesday.plusDays(3));
    }

    @Test
    void aDateIsReadInThePaisZone() {
        // 23:30 on Friday in London is already Saturday morning in Beijing.
        Instant fridayNightInLondon = OffsetDateTime.parse("2025-06-06T23:30:00+01:00").toInstant();
        Utterance line = Utterance.said(1, "alice", "明天八点北门集合", fridayNightInLondon);

        assertThat(planner.extract(List.of(line), null, LONDON).orElseThrow().date())
                .isEqualTo(LocalDate.of(2025, 6, 7));
        assertThat(planner.extract(List.of(line), null, BEIJING).orElseThrow().date())
                .isEqualTo(LocalDate.of(2025, 6, 8));
    }

    @Test
    void clockTimesAreReadInChineseAndEnglish() {
        assertThat(timeOf("周六八点北宫门集合")).isEqualTo(LocalTime.of(8, 0));
        assertThat(timeOf("明天早上8点在西门集合")).isEqualTo(LocalTime.of(8, 0));
        assertThat(timeOf("后天下午三点半北门见")).isEqualTo(LocalTime.of(15, 30));
        assertThat(timeOf("今晚八点一刻在海底捞见")).isEqualTo(LocalTime.of(20, 15));
        assertThat(timeOf("19:30在国贸地铁站集合")).isEqualTo(LocalTime.of(19, 30));
        assertThat(timeOf("let's meet Friday 7pm at Joe's")).isEqualTo(LocalTime.of(19, 0));
        assertThat(timeOf("let's meet at 8 o'clock at the station")).isEqualTo(LocalTime.of(8, 0));
        assertThat(timeOf("see you tomorrow at half past six at the cinema")).isEqualTo(LocalTime.of(18, 30));
        assertThat(timeOf("meet at 10:15 am by the fountain tomorrow")).isEqualTo(LocalTime.of(10, 15));
    }

    @Test
    void aBareHourKeepsTheHalfOfDayOfThePlanItChanges() {
        PlanDraft evening = planner.extract(List.of(said("今晚七点在海底捞见")), null, BEIJING).orElseThrow();

        PlanDraft later = planner.extract(List.of(said(2, "改到八点吧")), evening, BEIJING).orElseThrow();

        assertThat(evening.time()).isEqualTo(LocalTime.of(19, 0));
        assertThat(later.time()).isEqualTo(LocalTime.of(20, 0));
        assertThat(later.place()).isEqualTo("海底捞");
        assertThat(later.fromSeq()).isEqualTo(1);
        assertThat(later.toSeq()).isEqualTo(2);
    }

    @Test
    void meetingPointsAreReadInChineseAndEnglish() {
        assertThat(placeOf("周六八点在香山北门集合")).isEqualTo("香山北门");
        assertThat(placeOf("明天上午十点颐和园东门见")).isEqualTo("颐和园东门");
        assertThat(placeOf("周日下午两点地铁站A口碰头")).isEqualTo("地铁站A口");
        assertThat(placeOf("let's meet Friday 7pm at Joe's")).isEqualTo("Joe's");
        assertThat(placeOf("tomorrow at 9, meet at the north gate")).isEqualTo("north gate");
    }

    @Test
    void aChangeOfPlaceReplacesTheMeetingPoint() {
        PlanDraft plan = planner.extract(List.of(said("周六八点北宫门集合")), null, BEIJING).orElseThrow();

        PlanDraft moved = planner.extract(List.of(said(2, "换个地方，去西门")), plan, BEIJING).orElseThrow();
        PlanDraft movedAgain = planner.extract(List.of(said(3, "actually let's meet at the south gate instead")),
                moved, BEIJING).orElseThrow();

        assertThat(moved.place()).isEqualTo("西门");
        assertThat(moved.time()).isEqualTo(plan.time());
        assertThat(moved.date()).isEqualTo(plan.date());
        assertThat(movedAgain.place()).isEqualTo("south gate");
    }

    @Test
    void whoBringsWhatIsTheSpeakerOrTheNameSaid() {
        List<Utterance> lines = List.of(said(1, "alice", "周六八点北宫门集合"), said(2, "bob", "我带水"),
                said(3, "carol", "小王带帐篷"), said(4, "dave", "I'll bring snacks"),
                said(5, "erin", "Bob brings the tent"), said(6, "frank", "我明天带孩子去医院"),
                said(7, "grace", "我不带零食了"), said(8, "heidi", "Who's bringing the speaker?"));

        PlanDraft plan = planner.extract(lines, null, BEIJING).orElseThrow();

        assertThat(plan.items()).containsExactly(new PlanItem("水", "bob"), new PlanItem("帐篷", "小王"),
                new PlanItem("snacks", "dave"), new PlanItem("tent", "Bob"), new PlanItem("speaker", null));
    }

    private double score(String text) {
        return planner.planningScore(said(text));
    }

    private LocalDate dateOf(String text) {
        return planner.extract(List.of(said(text)), null, BEIJING).orElseThrow().date();
    }

    private LocalTime timeOf(String text) {
        return planner.extract(List.of(said(text)), null, BEIJING).orElseThrow().time();
    }

    private String placeOf(String text) {
        return planner.extract(List.of(said(text)), null, BEIJING).orElseThrow().place();
    }

    private static Utterance said(String text) {
        return said(1, text);
    }

    private static Utterance said(long seq, String text) {
        return said(seq, "alice", text);
    }

    private static Utterance said(long seq, String sender, String text) {
        return Utterance.said(seq, sender, text, WEDNESDAY.plusSeconds(60 * seq));
    }

    private static int indexOf(List<Utterance> lines, String words) {
        return IntStream.range(0, lines.size()).filter(index -> lines.get(index).text().contains(words)).findFirst()
                .orElseThrow(() -> new AssertionError("no line says " + words));
    }

    private static String senderOf(List<Utterance> lines, String words) {
        return lines.get(indexOf(lines, words)).senderId();
    }
}
