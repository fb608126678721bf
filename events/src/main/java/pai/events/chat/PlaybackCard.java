package pai.events.chat;

/** The watch- or listen-together card a PLAYBACK message shows: the session it opens and who hosts it. */
public record PlaybackCard(String sessionId, PlaybackKind kind, String mediaUrl, String title, String hostId) {
}
