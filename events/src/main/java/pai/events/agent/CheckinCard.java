package pai.events.agent;

/** The data of a CHECKIN message: whose check-in on which goal, and where it leaves their streak. */
public record CheckinCard(String goalId, String title, String userId, int streak, int total) {
}
