package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import pai.it.RedpacketClient.Answer;

/**
 * A share's reward lands: share-service and redpacket-service as real processes over the real broker.
 * share-service learns the campaign from redpacket-service's event, rewards the sharer once for a
 * verified visitor, and redpacket-service turns that reward into exactly one more grab.
 */
class ShareRewardIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final ServiceInstances services = new ServiceInstances();
    private static ServiceProcess redpacket;
    private static ServiceProcess share;

    @BeforeAll
    static void startServices() {
        redpacket = services.start("redpacket-service");
        share = services.start("share-service");
    }

    @Test
    void aSharerWhoseLinkAVisitorAcceptsCanGrabExactlyOnceMore() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Answer created = RedpacketClient.call(redpacket, "POST", "/api/redpackets/campaigns",
                ItEnvironment.operatorBearer("it-ops"), """
                        {"name":"分享有礼","budgetCents":300000,"startsAt":"%s","endsAt":"%s","maxGrabsPerUser":1,
                         "shareBonusGrabs":1,"maxBonusGrabsPerUser":5,"dailyShareRewardCap":1}"""
                        .formatted(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS)));
        RedpacketClient.expect(created, 201);
        String campaignId = created.body().path("id").asText();
        String[] drops = new String[3];
        for (int i = 0; i < drops.length; i++) {
            drops[i] = RedpacketClient.createDrop(redpacket, campaignId, 100, 100_000, now.minusSeconds(60),
                    now.plus(1, ChronoUnit.HOURS));
            String dropId = drops[i];
            await().atMost(WAIT).until(() -> "ACTIVE".equals(RedpacketClient.dropStatus(redpacket, dropId)));
        }
        String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        String carol = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(grab(alice, drops[0]).status()).isEqualTo(200);
        Answer limited = grab(alice, drops[1]);
        assertThat(limited.status()).isEqualTo(409);
        assertThat(limited.body().path("code").asText()).isEqualTo("GRAB_LIMIT_REACHED");

        // share-service knows the campaign once redpacket-service's event has reached it
        Answer[] shared = new Answer[1];
        await().atMost(WAIT).until(() -> {
            shared[0] = RedpacketClient.call(share, "POST", "/api/shares", ItEnvironment.bearer(alice),
                    "{\"targetType\":\"CAMPAIGN\",\"targetId\":\"" + campaignId + "\",\"channel\":\"WECHAT\"}");
            return shared[0].status() == 201;
        });
        String code = shared[0].body().path("code").asText();
        assertThat(shared[0].body().path("url").asText()).endsWith("/s/" + code);

        assertAccept(bob, code, true, null);
        assertAccept(bob, code, false, "REPEAT_VISITOR");
        assertAccept(alice, code, false, "SELF_ACCEPT");
        assertAccept(carol, code, false, "DAILY_CAP");

        await().atMost(WAIT).until(() -> grab(alice, drops[1]).status() == 200);
        // Give any wrongly granted second reward time to arrive: there must be none.
        Thread.sleep(3_000);
        Answer afterBonus = grab(alice, drops[2]);
        assertThat(afterBonus.status()).isEqualTo(409);
        assertThat(afterBonus.body().path("code").asText()).isEqualTo("GRAB_LIMIT_REACHED");
        assertThat(bonusGrabsOf(campaignId, alice)).isEqualTo(1);

        Answer mine = RedpacketClient.call(share, "GET", "/api/shares/mine", ItEnvironment.bearer(alice), null);
        RedpacketClient.expect(mine, 200);
        assertThat(mine.body().path("items").get(0).path("code").asText()).isEqualTo(code);
        assertThat(mine.body().path("items").get(0).path("accepts").asLong()).isEqualTo(3);
        assertThat(mine.body().path("items").get(0).path("rewards").asLong()).isEqualTo(1);
        Answer funnel = RedpacketClient.call(share, "GET", "/api/shares/campaigns/" + campaignId + "/funnel",
                ItEnvironment.operatorBearer("it-ops"), null);
        RedpacketClient.expect(funnel, 200);
        assertThat(funnel.body().path("rewards").asLong()).isEqualTo(1);
        assertThat(funnel.body().path("refusals").path("DAILY_CAP").asLong()).isEqualTo(1);
    }

    private static Answer grab(String userId, String dropId) {
        return RedpacketClient.call(redpacket, "POST", "/api/redpackets/drops/" + dropId + "/grab",
                ItEnvironment.bearer(userId), null);
    }

    private static void assertAccept(String visitor, String code, boolean rewarded, String reason) {
        Answer answer = RedpacketClient.call(share, "POST", "/api/shares/" + code + "/accept", ItEnvironment.bearer(visitor),
                null);
        RedpacketClient.expect(answer, 200);
        assertThat(answer.body().path("rewarded").asBoolean()).as(visitor + " rewarded").isEqualTo(rewarded);
        assertThat(answer.body().path("reason").isNull() || answer.body().path("reason").isMissingNode() ? null : answer.body().path("reason").asText()).isEqualTo(reason);
    }

    private static long bonusGrabsOf(String campaignId, String userId) throws Exception {
        try (Connection db = ItEnvironment.database("redpacket");
                PreparedStatement query = db.prepareStatement(
                        "select coalesce(sum(grabs), 0) from bonus_grant where campaign_id = ? and user_id = ?")) {
            query.setString(1, campaignId);
            query.setString(2, userId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
