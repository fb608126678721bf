package pai.events.redpacket;

public enum LifecycleStage {
    CREATED, ACTIVATED, EXHAUSTED, EXPIRED, CANCELLED, REFUNDED
}
