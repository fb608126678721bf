package pai.agent.service.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import pai.agent.domain.Goal;
import pai.agent.domain.Utterance;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

class ChatCheckinsTest {
    private static final Goal RUNNING = goal("run", "晨跑", "#跑步");
    private static final Goal READING = goal("read", "Read 20 pages", "#Read20pages");
    /** Newest first. */
    private static final List<Goal> GOALS = List.of(READING, RUNNING);

    @Test
    void wordsOfCheckingInCheckInToTheNewestGoal() {
        for (String text : List.of("#打卡", "今天打卡！", "check in", "Checked in today", "check-in done")) {
            assertThat(ChatCheckins.goalFor(said(text), GOALS)).as(text).containsSame(READING);
        }
    }

    @Test
    void aMessageThatNamesAGoalByTagOrTitleChecksInToIt() {
        assertThat(ChatCheckins.goalFor(said("#打卡 #跑步 5公里"), GOALS)).containsSame(RUNNING);
        assertThat(ChatCheckins.goalFor(said("晨跑打卡"), GOALS)).containsSame(RUNNING);
        assertThat(ChatCheckins.goalFor(said("read 20 pages, checked in"), GOALS)).containsSame(READING);
    }

    @Test
    void aPhotoCaptionedWithATagChecksInWithoutTheWord() {
        Utterance photo = new Utterance(7, "alice", SenderKind.USER, MessageKind.IMAGE, "#跑步 今天的风景", "m1", List.of(),
                null, Instant.now());
        assertThat(ChatCheckins.goalFor(photo, GOALS)).containsSame(RUNNING);
        assertThat(ChatCheckins.goalFor(said("#跑步 今天的风景"), GOALS)).isEmpty();
    }

    @Test
    void talkThatIsNoCheckInChecksNobodyIn() {
        for (String text : List.of("今天天气不错", "我还没打卡", "忘了打卡了", "I haven't checked in yet", "checking the map")) {
            assertThat(ChatCheckins.goalFor(said(text), GOALS)).as(text).isEmpty();
        }
        Utterance byAgent = new Utterance(3, "supervisor", SenderKind.AGENT, MessageKind.TEXT, "#打卡", null, List.of(),
                null, Instant.now());
        assertThat(ChatCheckins.goalFor(byAgent, GOALS)).isEmpty();
        assertThat(ChatCheckins.goalFor(said("#打卡"), List.of())).isEmpty();
        assertThat(ChatCheckins.mayCheckIn(said("今天天气不错"))).isFalse();
        assertThat(ChatCheckins.mayCheckIn(byAgent)).isFalse();
        assertThat(ChatCheckins.mayCheckIn(said("#打卡"))).isTrue();
    }

    private static Utterance said(String text) {
        return Utterance.said(1, "alice", text, Instant.now());
    }

    private static Goal goal(String id, String title, String tag) {
        Goal goal = new Goal();
        goal.id = id;
        goal.title = title;
        goal.tag = tag;
        return goal;
    }
}
