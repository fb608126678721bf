package pai.agent.service.supervisor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import pai.agent.domain.Cadence;
import pai.agent.service.supervisor.Streaks.Standing;
import pai.agent.service.text.ChatText;

/** What the supervisor says, in Chinese unless everything it answers is English. */
final class SupervisorTexts {
    private SupervisorTexts() {
    }

    /** English when no text it answers holds a Chinese character. */
    static boolean english(String... texts) {
        return Arrays.stream(texts).filter(Objects::nonNull).noneMatch(ChatText::hasChinese);
    }

    static String checkedIn(String userId, Cadence cadence, Standing standing, boolean english) {
        if (english) {
            return userId + " checked in! " + streak(cadence, standing, true) + ", " + standing.total() + " in total";
        }
        return userId + " 打卡成功！" + streak(cadence, standing, false) + "，累计 " + standing.total() + " 次";
    }

    static String alreadyCheckedIn(String userId, Cadence cadence, Standing standing, boolean english) {
        if (english) {
            return userId + " already checked in " + (cadence == Cadence.DAILY ? "today" : "this week") + " — "
                    + streak(cadence, standing, true) + ", " + standing.total() + " in total";
        }
        return userId + (cadence == Cadence.DAILY ? " 今天" : " 本周") + "已经打过卡了，" + streak(cadence, standing, false)
                + "，累计 " + standing.total() + " 次";
    }

    static String howToCheckIn(String asked) {
        if (english(asked)) {
            return "To check in, send #打卡 or \"check in\" (or a photo with your goal's tag); goals are set up in the pai's goals.";
        }
        return "打卡请发「#打卡」或「check in」，也可以发一张带目标标签的照片；目标在群的「目标」里设置。";
    }

    static String reminder(String title, Cadence cadence, List<String> missing, boolean english) {
        String who = missing.stream().map(userId -> "@" + userId).collect(Collectors.joining(" "));
        if (english) {
            return "⏰ " + title + ": " + who + " — not checked in " + (cadence == Cadence.DAILY ? "today" : "this week")
                    + " yet";
        }
        return "⏰ 「" + title + "」" + (cadence == Cadence.DAILY ? "今天" : "本周") + "还没打卡：" + who;
    }

    private static String streak(Cadence cadence, Standing standing, boolean english) {
        if (english) {
            return standing.streak() + "-" + (cadence == Cadence.DAILY ? "day" : "week") + " streak";
        }
        return "连续 " + standing.streak() + (cadence == Cadence.DAILY ? " 天" : " 周");
    }
}
