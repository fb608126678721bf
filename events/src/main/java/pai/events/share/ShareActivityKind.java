package pai.events.share;

public enum ShareActivityKind {
    CLICK, ACCEPT
}
