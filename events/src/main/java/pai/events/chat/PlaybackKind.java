package pai.events.chat;

/** What a pai's members do together in a playback session. */
public enum PlaybackKind {
    WATCH, LISTEN
}
