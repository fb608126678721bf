package pai.agent.service.supervisor;

import java.util.List;
import java.util.stream.Collectors;

import pai.agent.domain.Cadence;
import pai.agent.service.supervisor.Streaks.Standing;

/** What the supervisor says, in Chinese unless everything it answers is English. */
final class SupervisorTexts {
    private SupervisorTexts() {
    }

    /** English when no text it answers holds a Chinese character. */
    static boolean english(String... texts) {
        for (String text : texts) {
            if (text != null && text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                return false;
            }
        }
        return true;
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
