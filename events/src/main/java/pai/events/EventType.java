package pai.events;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import pai.events.agent.AgentReplyRequested;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MembershipChanged;
import pai.events.redpacket.CampaignChanged;
import pai.events.redpacket.PacketGrabbed;
import pai.events.redpacket.RedPacketLifecycle;
import pai.events.share.ShareActivity;
import pai.events.share.ShareRewardGranted;

/** Every event type of the topic table in docs/contract.md: its wire name, its topic, its record and version. */
public enum EventType {
    CHAT_MESSAGE_POSTED("chat.message.posted", Topics.CHAT_MESSAGES, ChatMessagePosted.class, 1),
    MEMBERSHIP_CHANGED("chat.membership.changed", Topics.CHAT_MEMBERS, MembershipChanged.class, 1),
    AGENT_REPLY_REQUESTED("agent.reply.requested", Topics.AGENT_REPLIES, AgentReplyRequested.class, 1),
    PACKET_GRABBED("redpacket.packet.grabbed", Topics.REDPACKET_GRABS, PacketGrabbed.class, 1),
    RED_PACKET_LIFECYCLE("redpacket.lifecycle", Topics.REDPACKET_LIFECYCLE, RedPacketLifecycle.class, 1),
    CAMPAIGN_CHANGED("redpacket.campaign.changed", Topics.REDPACKET_LIFECYCLE, CampaignChanged.class, 1),
    SHARE_ACTIVITY("share.activity", Topics.SHARE_EVENTS, ShareActivity.class, 1),
    SHARE_REWARD_GRANTED("share.reward.granted", Topics.SHARE_REWARDS, ShareRewardGranted.class, 1);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_RECORD =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::recordType, Function.identity()));

    private final String wireName;
    private final String topic;
    private final Class<? extends EventData> recordType;
    private final int version;

    EventType(String wireName, String topic, Class<? extends EventData> recordType, int version) {
        this.wireName = wireName;
        this.topic = topic;
        this.recordType = recordType;
        this.version = version;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> recordType() {
        return recordType;
    }

    public int version() {
        return version;
    }

    public static EventType ofWireName(String wireName) {
        EventType type = BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type: " + wireName);
        }
        return type;
    }

    public static EventType of(EventData data) {
        return BY_RECORD.get(data.getClass());
    }
}
