package pai.agent.rest;

import java.time.DayOfWeek;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import pai.agent.domain.Cadence;
import pai.agent.domain.GoalKind;
import pai.agent.service.supervisor.NewGoal;
import pai.platform.text.ShownText;

/** The request bodies of the supervisor's API (docs/contract.md); the answers are the service's records. */
public final class GoalDtos {
    private GoalDtos() {
    }

    /**
     * {@code remindAt} is {@code HH:mm} local to {@code timezone} (default Asia/Shanghai), or absent
     * for no reminders; {@code tag} defaults to a hashtag made from the title; {@code restDays} only
     * for DAILY goals.
     */
    public record CreateGoal(
            @NotNull GoalKind kind,
            @NotBlank @Size(max = 100) @Pattern(regexp = ShownText.PRINTABLE, message = ShownText.PRINTABLE_MESSAGE) String title,
            @Size(max = 32) String tag,
            @NotNull Cadence cadence,
            @Size(max = 5) String remindAt,
            @Size(max = 64) String timezone,
            @Size(max = 7) List<DayOfWeek> restDays) {

        NewGoal toNewGoal() {
            return new NewGoal(kind, title, tag, cadence, remindAt, timezone, restDays);
        }
    }

    public record CheckIn(
            @Size(max = 500) @Pattern(regexp = ShownText.PRINTABLE, message = ShownText.PRINTABLE_MESSAGE) String note,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a media id") String mediaId) {
    }
}
