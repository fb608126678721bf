package pai.events;

import java.util.List;

/**
 * Kafka topics as docs/contract.md fixes them: their names, and in {@link #ALL} the one table of their
 * partitions and compaction, from which the launcher creates them and against which a test holds
 * docker-compose.yml's kafka-init.
 */
public final class Topics {
    public static final String CHAT_MESSAGES = "pai.chat.messages";
    /** Compacted: the latest membership per paiId:userId. */
    public static final String CHAT_MEMBERS = "pai.chat.members";
    public static final String AGENT_REPLIES = "pai.agent.replies";
    public static final String REDPACKET_GRABS = "pai.redpacket.grabs";
    public static final String REDPACKET_LIFECYCLE = "pai.redpacket.lifecycle";
    public static final String SHARE_EVENTS = "pai.share.events";
    public static final String SHARE_REWARDS = "pai.share.rewards";

    /** A topic, the partitions it has, and whether Kafka keeps only the latest record per key. */
    public record Topic(String name, int partitions, boolean compacted) {
    }

    /** Every topic; the grabs, the hot path, have the most partitions (docs/scaling.md). */
    public static final List<Topic> ALL = List.of(
            new Topic(CHAT_MESSAGES, 6, false),
            new Topic(CHAT_MEMBERS, 6, true),
            new Topic(AGENT_REPLIES, 6, false),
            new Topic(REDPACKET_GRABS, 12, false),
            new Topic(REDPACKET_LIFECYCLE, 6, false),
            new Topic(SHARE_EVENTS, 6, false),
            new Topic(SHARE_REWARDS, 6, false));

    private Topics() {
    }
}
