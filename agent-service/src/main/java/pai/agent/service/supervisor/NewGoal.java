package pai.agent.service.supervisor;

import java.time.DayOfWeek;
import java.util.List;

import pai.agent.domain.Cadence;
import pai.agent.domain.GoalKind;

/**
 * A goal as its creator asks for it. {@code remindAt} is {@code HH:mm} in {@code timezone} (null:
 * no reminders), {@code timezone} an IANA name (null: Asia/Shanghai), {@code tag} a hashtag (null:
 * made from the title), {@code restDays} weekdays a DAILY goal rests on (null: none).
 */
public record NewGoal(GoalKind kind, String title, String tag, Cadence cadence, String remindAt, String timezone,
        List<DayOfWeek> restDays) {
}
