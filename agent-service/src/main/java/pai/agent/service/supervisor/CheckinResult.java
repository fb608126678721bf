package pai.agent.service.supervisor;

import java.time.LocalDate;

/** A stored check-in and where it leaves its member: {@code period} is the local date, or the week's Monday. */
public record CheckinResult(String checkinId, String goalId, String userId, LocalDate period, int streak, int total,
        int freezes) {
}
