package pai.share;

import static org.awaitility.Awaitility.await;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import pai.events.EventEnvelope;
import pai.events.chat.MemberRole;
import pai.events.redpacket.CampaignChanged;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.PaiMembers;
import pai.platform.testing.TestUsers;

/**
 * What the share tests need: the events of redpacket-service and chat-service published on the real broker
 * (share-service learns campaigns, drops, packets and members only from them), and calls as a person.
 */
final class ShareApi {
    static final Duration WAIT = Duration.ofSeconds(30);

    private ShareApi() {
    }

    /** A different address per call, as the gateway would forward it, so that tests do not share velocity counts. */
    static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    static RequestSpecification operator() {
        return TestUsers.asOperator(newUser("op"));
    }

    record Campaign(String id, Instant startsAt, Instant endsAt, String timezone, int bonus, int maxBonus, Integer dailyCap) {
        Campaign withStatus(String status) {
            publish(this, status);
            return this;
        }
    }

    /** A campaign open now for a day, as redpacket-service announces it. */
    static Campaign campaign(int bonus, int maxBonus, Integer dailyCap) {
        return campaign(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400), "Asia/Shanghai", bonus,
                maxBonus, dailyCap);
    }

    static Campaign campaign(Instant startsAt, Instant endsAt, String timezone, int bonus, int maxBonus, Integer dailyCap) {
        Campaign campaign = new Campaign(UUID.randomUUID().toString(), startsAt, endsAt, timezone, bonus, maxBonus, dailyCap);
        publish(campaign, "ACTIVE");
        return campaign;
    }

    private static void publish(Campaign c, String status) {
        EventPublisher.publish(EventEnvelope.of("redpacket-service", new CampaignChanged(c.id(), "春节红包雨", status,
                c.startsAt(), c.endsAt(), c.timezone(), c.bonus(), c.maxBonus(), c.dailyCap(), Instant.now())));
    }

    static String drop(String campaignId, LifecycleStage stage) {
        return drop(campaignId, UUID.randomUUID().toString(), stage);
    }

    static String drop(String campaignId, String dropId, LifecycleStage stage) {
        EventPublisher.publish(EventEnvelope.of("redpacket-service", new RedPacketLifecycle(stage, PoolKind.DROP, dropId,
                campaignId, null, null, 88_800, 88, null, Instant.now())));
        return dropId;
    }

    static void join(String paiId, String userId) {
        PaiMembers.announce(paiId, MemberRole.MEMBER, userId);
    }

    static String share(String sharerId, String targetType, String targetId, String channel) {
        return awaitShare(sharerId, targetType, targetId, channel).then().statusCode(201).extract().path("code");
    }

    /** Shares once share-service has the target's copy (it arrives over Kafka a moment after it was published). */
    static Response awaitShare(String sharerId, String targetType, String targetId, String channel) {
        String body = "{\"targetType\":\"%s\",\"targetId\":\"%s\",\"channel\":\"%s\"}".formatted(targetType, targetId, channel);
        Response[] last = new Response[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = as(sharerId).body(body).post("/api/shares");
            return last[0].statusCode() != 404 && last[0].statusCode() != 403;
        });
        return last[0];
    }

    static Response accept(String visitorId, String code, String address) {
        return as(visitorId).header("X-Forwarded-For", address).post("/api/shares/" + code + "/accept");
    }
}
