package pai.agent.domain;

/** Where a check-in came from: the REST API, or a message in the pai's chat. */
public enum CheckinSource {
    REST, CHAT
}
