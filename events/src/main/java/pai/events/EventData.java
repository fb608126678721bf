package pai.events;

/** The payload of an event: one record per event type, each listed in {@link EventType}. */
public interface EventData {

    /** The partition key docs/contract.md names for this event's topic. */
    String key();
}
