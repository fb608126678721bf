package pai.chat.domain;

import pai.events.chat.PlaybackKind;

/**
 * A pai's watch- or listen-together session as it stands (kept in Redis). The position is
 * {@code positionMs} at {@code updatedAtMs} and moves on with the clock while {@code playing}, so
 * every client that knows the server time computes the same position.
 */
public record Playback(String sessionId, String paiId, PlaybackKind kind, String mediaUrl, String title, String hostId,
        String controllerId, boolean playing, long positionMs, long updatedAtMs, boolean ended, long version) {

    public enum Action {
        PLAY, PAUSE, SEEK, END, HAND_OVER
    }

    public static Playback start(String sessionId, String paiId, PlaybackKind kind, String mediaUrl, String title, String hostId,
            long nowMs, long previousVersion) {
        return new Playback(sessionId, paiId, kind, mediaUrl, title, hostId, hostId, false, 0, nowMs, false,
                previousVersion + 1);
    }

    public long positionAt(long nowMs) {
        return playing ? positionMs + Math.max(0, nowMs - updatedAtMs) : positionMs;
    }

    /** The state after {@code action} at {@code nowMs}; {@code positionMs} null keeps the running position. */
    public Playback after(Action action, Long positionMs, String to, long nowMs) {
        long position = positionMs != null ? positionMs : positionAt(nowMs);
        return switch (action) {
            case PLAY -> with(controllerId, true, position, nowMs, false);
            case PAUSE -> with(controllerId, false, position, nowMs, false);
            case SEEK -> with(controllerId, playing, position, nowMs, false);
            case END -> with(controllerId, false, position, nowMs, true);
            case HAND_OVER -> with(to, playing, positionAt(nowMs), nowMs, false);
        };
    }

    private Playback with(String controller, boolean play, long position, long nowMs, boolean end) {
        return new Playback(sessionId, paiId, kind, mediaUrl, title, hostId, controller, play, position, nowMs, end,
                version + 1);
    }
}
