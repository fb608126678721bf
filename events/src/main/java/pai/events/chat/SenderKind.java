package pai.events.chat;

public enum SenderKind {
    USER, AGENT, SYSTEM
}
