package pai.events;

/** Kafka topic names, as docs/contract.md fixes them. */
public final class Topics {
    public static final String CHAT_MESSAGES = "pai.chat.messages";
    /** Compacted: the latest membership per paiId:userId. */
    public static final String CHAT_MEMBERS = "pai.chat.members";
    public static final String AGENT_REPLIES = "pai.agent.replies";
    public static final String REDPACKET_GRABS = "pai.redpacket.grabs";
    public static final String REDPACKET_LIFECYCLE = "pai.redpacket.lifecycle";
    public static final String SHARE_EVENTS = "pai.share.events";
    public static final String SHARE_REWARDS = "pai.share.rewards";

    private Topics() {
    }
}
