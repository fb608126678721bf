package pai.events.agent;

/** One central sentence of a summary: who said it, and at which seq. */
public record KeyPoint(long seq, String senderId, String text) {
}
