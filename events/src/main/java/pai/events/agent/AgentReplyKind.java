package pai.events.agent;

public enum AgentReplyKind {
    TEXT, SUMMARY, CHECKIN, IMAGE
}
