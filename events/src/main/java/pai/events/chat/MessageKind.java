package pai.events.chat;

/** What a stored message is: users post TEXT and IMAGE; services post the others. */
public enum MessageKind {
    TEXT, IMAGE, PACKET, SUMMARY, CHECKIN, PLAYBACK, RECALLED
}
