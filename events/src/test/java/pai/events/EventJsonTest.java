package pai.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.AgentReplyRequested;
import pai.events.agent.KeyPoint;
import pai.events.agent.PlanCard;
import pai.events.agent.PlanItem;
import pai.events.agent.SummaryCard;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MemberRole;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;
import pai.events.chat.MessageKind;
import pai.events.chat.PacketCard;
import pai.events.chat.PlaybackCard;
import pai.events.chat.PlaybackKind;
import pai.events.chat.SenderKind;
import pai.events.kafka.EventEnvelopeDeserializer;
import pai.events.kafka.EventEnvelopeSerializer;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PacketGrabbed;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.CampaignChanged;
import pai.events.redpacket.RedPacketLifecycle;
import pai.events.share.ShareActivity;
import pai.events.share.ShareActivityKind;
import pai.events.share.ShareRewardGranted;

class EventJsonTest {
    private static final Instant AT = Instant.parse("2026-02-01T12:00:00.123Z");

    /** One sample per event type; the test below fails when a type is added without one. */
    static List<EventData> samples() {
        return List.of(
                new ChatMessagePosted("m1", "p1", 42, "u1", SenderKind.SYSTEM, MessageKind.PACKET, "恭喜发财", null,
                        List.of("u2", "summarizer"), 41L, new PacketCard("gp1", "u1", 8_888, 8, "新年快乐"), null, null, AT),
                new MembershipChanged("p1", "u2", MemberRole.ADMIN, MembershipChange.ROLE_CHANGED, "u1", AT),
                new AgentReplyRequested("r1", "p1", "summarizer", AgentReplyKind.SUMMARY, "要点：…", null, 42L,
                        AgentCard.of(new SummaryCard(30, 41, List.of(new KeyPoint(33, "u2", "周六八点北宫门集合")))), AT),
                new PacketGrabbed("g1", PoolKind.DROP, "d1", "c1", null, 299, "u9", 100_000_000_000L, AT),
                new RedPacketLifecycle(LifecycleStage.REFUNDED, PoolKind.GROUP_PACKET, "gp1", null, "p1", "u1", 17, 8,
                        "新年快乐", AT),
                new ShareActivity("a1", ShareActivityKind.ACCEPT, "Xy12", "u1", "u3", "CAMPAIGN", "c1", "WECHAT", "c1", AT),
                new ShareRewardGranted("w1", "u1", "c1", 2, "Xy12", "u3", AT),
                new ChatMessagePosted("m2", "p1", 43, "u1", SenderKind.SYSTEM, MessageKind.PLAYBACK, "周末电影", null,
                        List.of(), null, null,
                        new PlaybackCard("s1", PlaybackKind.WATCH, "https://video.example/movie.mp4", "周末电影", "u1"), null, AT),
                new ChatMessagePosted("m3", "p1", 44, "planner", SenderKind.AGENT, MessageKind.TEXT, "计划", null,
                        List.of(), 43L, null, null, AgentCard.of(new PlanCard("plan-1", 2, LocalDate.of(2026, 2, 14),
                                LocalTime.of(8, 0), "北宫门", List.of(new PlanItem("水", "u2")), 30, 43)), AT),
                new CampaignChanged("c1", "春节红包雨", "ACTIVE", AT, AT.plusSeconds(86_400), "Asia/Shanghai", 1, 3, 5, AT));
    }

    @Test
    void everyEventTypeHasASample() {
        Set<EventType> covered = samples().stream().map(EventType::of).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void everyEventTypeRoundTripsThroughTheKafkaSerdes() {
        try (var serializer = new EventEnvelopeSerializer(); var deserializer = new EventEnvelopeDeserializer()) {
            for (EventData data : samples()) {
                EventEnvelope<EventData> sent = EventEnvelope.of("test", data);
                byte[] bytes = serializer.serialize(sent.topic(), sent);
                EventEnvelope<? extends EventData> received = deserializer.deserialize(sent.topic(), bytes);

                assertThat(received).isEqualTo(sent);
                assertThat(received.data()).isInstanceOf(data.getClass());
                assertThat(received.eventType().topic()).isEqualTo(EventType.of(data).topic());
            }
        }
    }

    @Test
    void envelopeCarriesTheSpecFields() throws Exception {
        EventEnvelope<EventData> sent = EventEnvelope.of("chat-service", samples().get(0));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(EventJson.write(sent));

        assertThat(tree.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "type", "version", "occurredAt", "source", "key", "data");
        assertThat(tree.get("type").asText()).isEqualTo("chat.message.posted");
        assertThat(tree.get("key").asText()).isEqualTo("p1");
        assertThat(tree.get("occurredAt").asText()).endsWith("Z");
        assertThat(tree.at("/data/packet/totalCents").isIntegralNumber()).isTrue();
    }

    @Test
    void aPlaybackMessageCarriesItsSessionCard() throws Exception {
        EventEnvelope<EventData> sent = EventEnvelope.of("chat-service", samples().get(7));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(EventJson.write(sent));

        assertThat(tree.at("/data/kind").asText()).isEqualTo("PLAYBACK");
        assertThat(tree.at("/data/playback/sessionId").asText()).isEqualTo("s1");
        assertThat(tree.at("/data/playback/kind").asText()).isEqualTo("WATCH");
        assertThat(tree.at("/data/playback/mediaUrl").asText()).isEqualTo("https://video.example/movie.mp4");
        assertThat(tree.at("/data/playback/hostId").asText()).isEqualTo("u1");
        assertThat(((ChatMessagePosted) EventJson.read(EventJson.write(sent)).data()).playback())
                .isEqualTo(new PlaybackCard("s1", PlaybackKind.WATCH, "https://video.example/movie.mp4", "周末电影", "u1"));
    }

    @Test
    void keysFollowTheTopicTable() {
        assertThat(samples().get(1).key()).isEqualTo("p1:u2");
        assertThat(samples().get(3).key()).isEqualTo("u9");
        assertThat(samples().get(4).key()).isEqualTo("gp1");
        assertThat(samples().get(6).key()).isEqualTo("u1");
        assertThat(samples().get(9).key()).isEqualTo("c1");
    }

    @Test
    void readersToleratePayloadFieldsTheyDoNotKnow() {
        String json = """
                {"id":"e1","type":"share.reward.granted","version":2,"occurredAt":"2026-02-01T12:00:00Z",
                 "source":"share-service","key":"u1",
                 "data":{"rewardId":"w1","sharerId":"u1","campaignId":"c1","bonusGrabs":1,"newField":"x"}}
                """;
        var envelope = EventJson.read(json);
        assertThat(envelope.version()).isEqualTo(2);
        assertThat(((ShareRewardGranted) envelope.data()).bonusGrabs()).isEqualTo(1);
    }

    @Test
    void unknownTypesAndNonEnvelopesAreRejected() {
        assertThatThrownBy(() -> EventJson.read("{\"id\":\"e\",\"type\":\"nope\",\"data\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> EventJson.read("[1,2]")).hasMessageContaining("not an event envelope");
    }

    @Test
    void wireNamesAndTopicsAreUnique() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName).distinct()).hasSize(EventType.values().length);
    }
}
