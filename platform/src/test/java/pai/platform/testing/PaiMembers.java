package pai.platform.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.events.EventEnvelope;
import pai.events.chat.MemberRole;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;
import pai.platform.membership.MembershipCopy;

/**
 * Members of a pai as chat-service announces them, for a service that keeps a copy of membership:
 * the announcement goes through the real broker and the helper waits until the service under test
 * has recorded it.
 */
public final class PaiMembers {
    private static final Duration COPY_WAIT = Duration.ofSeconds(30);

    private PaiMembers() {
    }

    /** Announces each user as joined with {@code role} and waits until this service's copy has them all. */
    public static void announce(String paiId, MemberRole role, String... userIds) {
        for (String userId : userIds) {
            EventPublisher.publish(EventEnvelope.of("chat-service",
                    new MembershipChanged(paiId, userId, role, MembershipChange.JOINED, userId, Instant.now())));
        }
        for (String userId : userIds) {
            await().atMost(COPY_WAIT).until(
                    () -> QuarkusTransaction.requiringNew().call(() -> MembershipCopy.find(paiId, userId).isPresent()));
        }
    }
}
