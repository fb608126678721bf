package pai.agent.service.supervisor;

/** One member on a goal's board: {@code rank} 1 is the best; {@code checkedIn} is for the current period. */
public record BoardEntry(int rank, String userId, int streak, int total, int freezes, boolean checkedIn) {
}
