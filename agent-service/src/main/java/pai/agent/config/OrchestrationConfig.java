package pai.agent.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much the agents may say. The defaults keep a busy group calm: one agent message per human message,
 * two minutes between one agent's unprompted messages in a pai, six agent messages a minute per pai
 * (Telegram allows a bot twenty in a group; a chat of people wants fewer).
 */
@ConfigMapping(prefix = "pai.agent.orchestration")
public interface OrchestrationConfig {
    /** K: agent messages per human message; agents named by the message are answered even beyond it. */
    @WithDefault("1")
    int maxRepliesPerMessage();

    /** Between two unprompted messages of one agent in one pai. */
    @WithDefault("2m")
    Duration cooldown();

    /** Agent messages a pai gets in any minute, prompted or not. */
    @WithDefault("6")
    int paiMessagesPerMinute();

    /** The score an unprompted trigger must pass, unless the pai sets the agent's {@code threshold}. */
    @WithDefault("0.6")
    double threshold();

    /** How many earlier messages the triggers see. */
    @WithDefault("50")
    int recentMessages();

    /** A message older than this when it is read (a consumer catching up) gets no unprompted reply. */
    @WithDefault("5m")
    Duration staleAfter();

    /** The summarizer offers a summary unprompted once this many messages came since its last one. */
    @WithDefault("100")
    int summaryBacklog();
}
