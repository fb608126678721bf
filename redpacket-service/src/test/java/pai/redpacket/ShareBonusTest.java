package pai.redpacket;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;
import static pai.redpacket.RedpacketApi.awaitStatus;
import static pai.redpacket.RedpacketApi.createCampaign;
import static pai.redpacket.RedpacketApi.createOpenDrop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import pai.events.EventEnvelope;
import pai.events.share.ShareRewardGranted;
import pai.platform.testing.EventPublisher;
import pai.platform.testing.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ShareBonusTest {

    @Test
    void aRewardDeliveredTwiceGivesOneExtraChanceAndTheCapHolds() {
        // maxGrabsPerUser 1, shareBonusGrabs 1, maxBonusGrabsPerUser 3 (RedpacketApi.campaignJson)
        String campaignId = createCampaign(100_000, 1);
        List<String> drops = List.of(createOpenDrop(campaignId, 5, 500), createOpenDrop(campaignId, 5, 500),
                createOpenDrop(campaignId, 5, 500), createOpenDrop(campaignId, 5, 500), createOpenDrop(campaignId, 5, 500),
                createOpenDrop(campaignId, 5, 500));
        drops.forEach(drop -> awaitStatus(drop, "ACTIVE"));
        String sharer = newUser("sharer");
        await().atMost(Duration.ofSeconds(30)).until(() -> chances(sharer, campaignId) == 1);

        var reward = EventEnvelope.of("share-service",
                new ShareRewardGranted(UUID.randomUUID().toString(), sharer, campaignId, 1, "code1", "friend", Instant.now()));
        EventPublisher.publish(reward);
        EventPublisher.publish(reward);
        await().atMost(Duration.ofSeconds(30)).until(() -> chances(sharer, campaignId) == 2);

        as(sharer).post("/api/redpackets/drops/" + drops.get(0) + "/grab").then().statusCode(200);
        as(sharer).post("/api/redpackets/drops/" + drops.get(1) + "/grab").then().statusCode(200);
        as(sharer).post("/api/redpackets/drops/" + drops.get(2) + "/grab").then().statusCode(409)
                .body("code", equalTo("GRAB_LIMIT_REACHED"));

        // Five more rewards, but the campaign caps the bonus at 3 chances in all.
        for (int i = 0; i < 5; i++) {
            EventPublisher.publish(EventEnvelope.of("share-service", new ShareRewardGranted(UUID.randomUUID().toString(),
                    sharer, campaignId, 1, "code" + i, "friend" + i, Instant.now())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> chances(sharer, campaignId) == 2);
        as(sharer).post("/api/redpackets/drops/" + drops.get(2) + "/grab").then().statusCode(200);
        as(sharer).post("/api/redpackets/drops/" + drops.get(3) + "/grab").then().statusCode(200);
        as(sharer).post("/api/redpackets/drops/" + drops.get(4) + "/grab").then().statusCode(409)
                .body("code", equalTo("GRAB_LIMIT_REACHED"));
    }

    private static long chances(String userId, String campaignId) {
        JsonPath live = as(userId).get("/api/redpackets/live").then().statusCode(200).extract().jsonPath();
        Object chances = live.get("items.find { it.id == '" + campaignId + "' }.remainingChances");
        return chances == null ? -1 : ((Number) chances).longValue();
    }
}
