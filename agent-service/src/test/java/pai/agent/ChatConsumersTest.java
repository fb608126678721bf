package pai.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.events.EventEnvelope;
import pai.events.chat.ChatMessagePosted;
import pai.events.chat.MemberRole;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ChatConsumersTest {
    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry registry;

    @Test
    void aRedeliveredMessageIsAppliedOnce() {
        String paiId = UUID.randomUUID().toString();
        var event = EventEnvelope.of("chat-service", new ChatMessagePosted(UUID.randomUUID().toString(), paiId, 1,
                "u1", SenderKind.USER, MessageKind.TEXT, "今天跑了五公里 @supervisor", null, List.of("supervisor"), null,
                null, null, null, Instant.now()));
        double duplicatesBefore = counter("chat-messages", "duplicate");

        EventPublisher.publish(event);
        EventPublisher.publish(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> counter("chat-messages", "duplicate") > duplicatesBefore);
        assertThat(count("select count(*) from chat_line where pai_id = ?1", paiId)).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = ?1", event.id())).isEqualTo(1);
        String text = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select text from chat_line where pai_id = ?1").setParameter(1, paiId).getSingleResult());
        assertThat(text).isEqualTo("今天跑了五公里 @supervisor");
    }

    @Test
    void membershipFollowsTheLatestChange() {
        String paiId = UUID.randomUUID().toString();
        EventPublisher.publish(EventEnvelope.of("chat-service",
                new MembershipChanged(paiId, "bob", MemberRole.MEMBER, MembershipChange.JOINED, "bob", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> roleOf(paiId, "bob") != null);
        assertThat(roleOf(paiId, "bob")).isEqualTo("MEMBER");

        EventPublisher.publish(EventEnvelope.of("chat-service",
                new MembershipChanged(paiId, "bob", MemberRole.MEMBER, MembershipChange.REMOVED, "owner", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> roleOf(paiId, "bob") == null);
    }

    private String roleOf(String paiId, String userId) {
        List<?> roles = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select role from pai_member where pai_id = ?1 and user_id = ?2")
                .setParameter(1, paiId).setParameter(2, userId).getResultList());
        return roles.isEmpty() ? null : (String) roles.get(0);
    }

    private long count(String sql, String parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    private double counter(String channel, String outcome) {
        var counter = registry.find("pai.agent.events").tag("channel", channel).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
