package pai.share;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;
import static pai.share.ShareApi.accept;
import static pai.share.ShareApi.awaitShare;
import static pai.share.ShareApi.campaign;
import static pai.share.ShareApi.drop;
import static pai.share.ShareApi.join;
import static pai.share.ShareApi.newAddress;
import static pai.share.ShareApi.operator;
import static pai.share.ShareApi.share;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import pai.events.Topics;
import pai.events.redpacket.LifecycleStage;
import pai.events.share.ShareActivity;
import pai.events.share.ShareActivityKind;
import pai.events.share.ShareRewardGranted;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SharesTest {
    private static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0";

    @Inject
    EntityManager entityManager;
    @Inject
    MeterRegistry registry;

    @Test
    void aRepeatedShareReturnsTheSameCodeAndAnotherChannelAnother() {
        ShareApi.Campaign campaign = campaign(1, 3, null);
        String alice = newUser("alice");
        Response first = awaitShare(alice, "CAMPAIGN", campaign.id(), "WECHAT");
        first.then().statusCode(201).body("code", matchesPattern("[0-9A-Za-z]{12}"))
                .body("campaignId", equalTo(campaign.id())).body("targetType", equalTo("CAMPAIGN"));
        String code = first.path("code");
        assertThat(first.<String>path("url")).endsWith("/s/" + code);

        as(alice).body(body("CAMPAIGN", campaign.id(), "WECHAT")).post("/api/shares").then().statusCode(200)
                .body("code", equalTo(code));
        String other = as(alice).body(body("CAMPAIGN", campaign.id(), "QQ")).post("/api/shares").then().statusCode(201)
                .extract().path("code");
        assertThat(other).isNotEqualTo(code);
        assertThat(count("select count(*) from share_link where sharer_id = ?1", alice)).isEqualTo(2);
        assertThat(count("select count(*) from share_reward where sharer_id = ?1", alice))
                .as("sharing alone earns nothing").isZero();
    }

    @Test
    void concurrentRepeatsOfOneShareMakeOneLink() throws Exception {
        ShareApi.Campaign campaign = campaign(1, 3, null);
        String alice = newUser("alice");
        share(newUser("warmup"), "CAMPAIGN", campaign.id(), "LINK");
        List<String> codes = concurrently(20, i -> as(alice).body(body("CAMPAIGN", campaign.id(), "WEIBO"))
                .post("/api/shares").then().extract().path("code"));
        assertThat(codes).doesNotContainNull().containsOnly(codes.get(0));
        assertThat(count("select count(*) from share_link where sharer_id = ?1", alice)).isEqualTo(1);
    }

    @Test
    void onlyTargetsThatExistAndTheSharerMaySeeCanBeShared() {
        String alice = newUser("alice");
        String paiId = UUID.randomUUID().toString();
        join(paiId, alice);
        awaitShare(alice, "PAI", paiId, "LINK").then().statusCode(201).body("campaignId", equalTo(null));

        as(newUser("mallory")).body(body("PAI", paiId, "LINK")).post("/api/shares").then().statusCode(403)
                .body("code", equalTo("NOT_A_MEMBER"));
        as(alice).body(body("CAMPAIGN", UUID.randomUUID().toString(), "LINK")).post("/api/shares").then().statusCode(404)
                .body("code", equalTo("TARGET_NOT_FOUND"));
        as(alice).body(body("DROP", UUID.randomUUID().toString(), "QQ")).post("/api/shares").then().statusCode(404)
                .body("code", equalTo("TARGET_NOT_FOUND"));

        ShareApi.Campaign ended = campaign(Instant.now().minusSeconds(7200), Instant.now().minusSeconds(60),
                "Asia/Shanghai", 1, 3, null);
        awaitShare(alice, "CAMPAIGN", ended.id(), "LINK").then().statusCode(409).body("code", equalTo("TARGET_CLOSED"));
        ShareApi.Campaign open = campaign(1, 3, null);
        String dropId = drop(open.id(), LifecycleStage.CREATED);
        share(alice, "DROP", dropId, "WECHAT");
        drop(open.id(), dropId, LifecycleStage.EXHAUSTED);
        String bob = newUser("bob");
        org.awaitility.Awaitility.await().atMost(ShareApi.WAIT).until(() -> as(bob).body(body("DROP", dropId, "WECHAT"))
                .post("/api/shares").statusCode() == 409);
    }

    @Test
    void aHundredConcurrentClicksByTenVisitorsCountTenClicks() throws Exception {
        ShareApi.Campaign campaign = campaign(1, 3, null);
        String alice = newUser("alice");
        String code = share(alice, "CAMPAIGN", campaign.id(), "WECHAT");
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            addresses.add(newAddress());
        }

        List<Integer> statuses;
        long announced;
        try (TopicWatcher events = TopicWatcher.watch(Topics.SHARE_EVENTS)) {
            statuses = concurrently(100, i -> click(code, addresses.get(i % 10), BROWSER).statusCode());
            events.await(e -> e.data() instanceof ShareActivity a && a.code().equals(code), ShareApi.WAIT);
            announced = events.drain(Duration.ofSeconds(2)).stream()
                    .filter(e -> e.data() instanceof ShareActivity a && a.code().equals(code)
                            && a.kind() == ShareActivityKind.CLICK)
                    .count();
        }

        assertThat(statuses).containsOnly(302);
        assertThat(count("select count(*) from share_click where code = ?1", code)).isEqualTo(10);
        assertThat(announced).isEqualTo(10);
        as(alice).get("/api/shares/mine?limit=5").then().statusCode(200)
                .body("items.find { it.code == '" + code + "' }.clicks", equalTo(10));
    }

    @Test
    void theLandingRedirectsToTheTargetPageAndSetsTheVisitorCookie() {
        ShareApi.Campaign campaign = campaign(1, 3, null);
        String code = share(newUser("alice"), "CAMPAIGN", campaign.id(), "LINK");
        String address = newAddress();

        Response first = click(code, address, BROWSER);
        first.then().statusCode(302).header("Location", equalTo("/campaigns/" + campaign.id() + "?share=" + code))
                .header("Cache-Control", "no-store");
        String cookie = first.getCookie("pai_visitor");
        assertThat(cookie).isNotBlank();
        assertThat(first.getDetailedCookie("pai_visitor").isHttpOnly()).isTrue();
        // The cookie names the same visitor from another address; a forged one falls back to the address hash.
        given().redirects().follow(false).cookie("pai_visitor", cookie).header("X-Forwarded-For", newAddress())
                .get("/s/" + code).then().statusCode(302);
        given().redirects().follow(false).cookie("pai_visitor", "forged.value").header("X-Forwarded-For", address)
                .header("User-Agent", BROWSER).get("/s/" + code).then().statusCode(302);
        assertThat(count("select count(*) from share_click where code = ?1", code)).isEqualTo(1);
        assertThat(count("select count(*) from share_click where code = ?1 and visitor_key like ?2", code,
                "%" + address + "%")).as("no raw address is stored").isZero();
    }

    @Test
    void aCrawlerGetsOpenGraphTagsAndAPictureAndCountsNoClick() throws Exception {
        ShareApi.Campaign campaign = campaign(1, 3, null);
        String code = share(newUser("alice"), "CAMPAIGN", campaign.id(), "WECHAT");

        String page = given().redirects().follow(false).header("User-Agent", "facebookexternalhit/1.1")
                .header("Accept", "text/html,application/xhtml+xml").get("/s/" + code)
                .then().statusCode(200).contentType("text/html").extract().asString();

        assertThat(page).contains("<meta property=\"og:title\" content=\"春节红包雨\">")
                .contains("og:description").contains("/s/" + code + "/preview.png").doesNotContain("<script");
        byte[] png = given().get("/s/" + code + "/preview.png").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(630);
        assertThat(count("select count(*) from share_click where code = ?1", code)).isZero();
    }

    @Test
    void unknownAndMalformedCodesAre404ProblemJson() {
        for (String code : List.of("AAAAAAAAAAAA", "short", "%00AAAAAAAAAAA", "AAAAAAAAAA%C3%A9", "..%2F..%2Fetc")) {
            given().urlEncodingEnabled(false).redirects().follow(false).get("/s/" + code).then().statusCode(404)
                    .contentType("application/problem+json").body("code", equalTo("SHARE_NOT_FOUND"));
        }
        as(newUser("bob")).urlEncodingEnabled(false).post("/api/shares/%00AAAAAAAAAAA/accept").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("SHARE_NOT_FOUND"));
    }

    @Test
    void badInputIs400NamingTheFieldAndWritesNothing() {
        String alice = newUser("alice");
        badShare(alice, "{\"targetType\":\"GROUP\",\"targetId\":\"x\",\"channel\":\"LINK\"}", "targetType");
        badShare(alice, "{\"targetType\":\"PAI\",\"targetId\":\"\",\"channel\":\"LINK\"}", "targetId");
        badShare(alice, "{\"targetType\":\"PAI\",\"targetId\":\"a\\u0000b\",\"channel\":\"LINK\"}", "targetId");
        badShare(alice, "{\"targetType\":\"PAI\",\"targetId\":\"" + "x".repeat(65) + "\",\"channel\":\"LINK\"}", "targetId");
        badShare(alice, "{\"targetType\":\"PAI\",\"targetId\":\"x\",\"channel\":\"FAX\"}", "channel");
        badShare(alice, "{\"targetType\":\"PAI\",\"targetId\":\"x\"}", "channel");
        badShare(alice, "{\"targetType\":\"PAI\",\"targetId\":7,\"channel\":\"LINK\"}", "targetId");
        as(alice).get("/api/shares/mine?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().contentType("application/json").body(body("PAI", "x", "LINK")).post("/api/shares").then().statusCode(401);
        assertThat(count("select count(*) from share_link where sharer_id = ?1", alice)).isZero();
    }

    @Test
    void concurrentAcceptsByOneVisitorRewardOnce() throws Exception {
        ShareApi.Campaign campaign = campaign(1, 5, 5);
        String alice = newUser("alice");
        String code = share(alice, "CAMPAIGN", campaign.id(), "WECHAT");
        String bob = newUser("bob");

        List<JsonPath> answers;
        List<ShareRewardGranted> announced;
        try (TopicWatcher rewards = TopicWatcher.watch(Topics.SHARE_REWARDS)) {
            answers = concurrently(10, i -> accept(bob, code, newAddress()).then().statusCode(200).extract().jsonPath());
            rewards.await(e -> e.data() instanceof ShareRewardGranted r && r.code().equals(code), ShareApi.WAIT);
            announced = rewards.drain(Duration.ofSeconds(2)).stream().map(e -> e.data())
                    .filter(d -> d instanceof ShareRewardGranted r && r.code().equals(code))
                    .map(d -> (ShareRewardGranted) d).toList();
        }

        assertThat(answers.stream().filter(a -> a.getBoolean("rewarded"))).hasSize(1);
        assertThat(answers.stream().filter(a -> !a.getBoolean("rewarded")).map(a -> a.getString("reason")))
                .hasSize(9).containsOnly("REPEAT_VISITOR");
        assertThat(count("select count(*) from share_reward where code = ?1", code)).isEqualTo(1);
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).sharerId()).isEqualTo(alice);
        assertThat(announced.get(0).visitorId()).isEqualTo(bob);
        assertThat(announced.get(0).campaignId()).isEqualTo(campaign.id());
        assertThat(announced.get(0).bonusGrabs()).isEqualTo(1);
        assertThat(count("select count(*) from share_accept where code = ?1", code)).isEqualTo(10);
    }

    @Test
    void everyFarmingAttemptIsRefusedWithItsReasonAndCounted() {
        ShareApi.Campaign campaign = campaign(1, 2, 2);
        String alice = newUser("alice");
        String code = share(alice, "CAMPAIGN", campaign.id(), "WECHAT");
        String qq = share(alice, "CAMPAIGN", campaign.id(), "QQ");
        double selfBefore = refusals("SELF_ACCEPT");
        double repeatBefore = refusals("REPEAT_VISITOR");
        double capBefore = refusals("DAILY_CAP");

        acceptExpect(alice, code, null, "SELF_ACCEPT");
        String bob = newUser("bob");
        acceptExpect(bob, code, 1, null);
        acceptExpect(bob, code, null, "REPEAT_VISITOR");
        acceptExpect(bob, qq, null, "REPEAT_VISITOR");
        acceptExpect(newUser("carol"), qq, 1, null);
        acceptExpect(newUser("dave"), code, null, "DAILY_CAP");

        assertThat(refusals("SELF_ACCEPT") - selfBefore).isEqualTo(1);
        assertThat(refusals("REPEAT_VISITOR") - repeatBefore).isEqualTo(2);
        assertThat(refusals("DAILY_CAP") - capBefore).isEqualTo(1);
        JsonPath funnel = operator().get("/api/shares/campaigns/" + campaign.id() + "/funnel").then().statusCode(200)
                .extract().jsonPath();
        assertThat(funnel.getLong("shares")).isEqualTo(2);
        assertThat(funnel.getLong("accepts")).isEqualTo(5);
        assertThat(funnel.getLong("rewards")).isEqualTo(2);
        assertThat(funnel.getLong("bonusGrabs")).isEqualTo(2);
        assertThat(funnel.getLong("refusals.SELF_ACCEPT")).isEqualTo(1);
        assertThat(funnel.getLong("refusals.REPEAT_VISITOR")).isEqualTo(2);
        assertThat(funnel.getLong("refusals.DAILY_CAP")).isEqualTo(1);
        assertThat(funnel.getLong("byChannel.find { it.channel == 'QQ' }.rewards")).isEqualTo(1);
        assertThat(funnel.getLong("byChannel.find { it.channel == 'WECHAT' }.accepts")).isEqualTo(3);
        as(alice).get("/api/shares/campaigns/" + campaign.id() + "/funnel").then().statusCode(403);
        operator().get("/api/shares/campaigns/" + UUID.randomUUID() + "/funnel").then().statusCode(404)
                .body("code", equalTo("CAMPAIGN_NOT_FOUND"));
    }

    @Test
    void noRewardBeyondTheSharersBonusCap() {
        ShareApi.Campaign campaign = campaign(2, 3, 10);
        String code = share(newUser("alice"), "CAMPAIGN", campaign.id(), "LINK");
        acceptExpect(newUser("bob"), code, 2, null);
        acceptExpect(newUser("carol"), code, 2, null);
        acceptExpect(newUser("dave"), code, null, "BONUS_CAP");
    }

    @Test
    void endedCancelledAndBonuslessCampaignsRewardNothing() {
        String alice = newUser("alice");
        ShareApi.Campaign ending = campaign(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3),
                "Asia/Shanghai", 1, 3, null);
        String endingCode = share(alice, "CAMPAIGN", ending.id(), "LINK");
        ShareApi.Campaign cancelled = campaign(1, 3, null);
        String cancelledCode = share(alice, "CAMPAIGN", cancelled.id(), "LINK");
        ShareApi.Campaign bonusless = campaign(0, 0, null);
        String bonuslessCode = share(alice, "CAMPAIGN", bonusless.id(), "LINK");
        cancelled.withStatus("CANCELLED");

        org.awaitility.Awaitility.await().atMost(ShareApi.WAIT).until(() -> "CAMPAIGN_CANCELLED".equals(
                accept(newUser("bob"), cancelledCode, newAddress()).then().extract().path("reason")));
        acceptExpect(newUser("bob"), bonuslessCode, null, "NO_SHARE_BONUS");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(ending.endsAt()));
        acceptExpect(newUser("bob"), endingCode, null, "CAMPAIGN_ENDED");
    }

    @Test
    void theVelocityGuardRefusesTooManyAcceptsFromOneAddressOrOneVisitor() {
        ShareApi.Campaign campaign = campaign(1, 1000, 1000);
        String code = share(newUser("alice"), "CAMPAIGN", campaign.id(), "LINK");
        double byAddressBefore = refusals("VELOCITY_ADDRESS");
        String address = newAddress();
        for (int i = 0; i < 30; i++) {
            accept(newUser("v"), code, address).then().statusCode(200);
        }
        accept(newUser("v"), code, address).then().statusCode(429).header("Retry-After", matchesPattern("\\d+"))
                .contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .body("reason", equalTo("VELOCITY_ADDRESS"));
        assertThat(refusals("VELOCITY_ADDRESS") - byAddressBefore).isEqualTo(1);

        String script = newUser("script");
        for (int i = 0; i < 10; i++) {
            String other = share(newUser("sharer"), "CAMPAIGN", campaign.id(), "LINK");
            accept(script, other, newAddress()).then().statusCode(200).body("rewarded", equalTo(true));
        }
        accept(script, share(newUser("sharer"), "CAMPAIGN", campaign.id(), "LINK"), newAddress()).then().statusCode(429)
                .body("reason", equalTo("VELOCITY_VISITOR"));
        assertThat(count("select count(*) from share_accept where visitor_id = ?1 and reason = 'VELOCITY_VISITOR'", script))
                .isEqualTo(1);
    }

    @Test
    void aPaiShareRewardsIntoTheOpenCampaignThatEndsFirst() {
        ShareApi.Campaign later = campaign(Instant.now().minusSeconds(60), Instant.now().plusSeconds(900_000),
                "Asia/Shanghai", 1, 3, null);
        ShareApi.Campaign sooner = campaign(Instant.now().minusSeconds(60), Instant.now().plusSeconds(800_000),
                "Asia/Shanghai", 1, 3, null);
        String alice = newUser("alice");
        String paiId = UUID.randomUUID().toString();
        join(paiId, alice);
        String code = share(alice, "PAI", paiId, "WECHAT");
        share(alice, "CAMPAIGN", later.id(), "LINK");
        share(alice, "CAMPAIGN", sooner.id(), "LINK");

        String campaignId = accept(newUser("bob"), code, newAddress()).then().statusCode(200)
                .body("rewarded", equalTo(true)).extract().path("campaignId");
        // Other tests' campaigns may end sooner still; whichever it is, it ends no later than ours.
        Instant endsAt = QuarkusTransaction.requiringNew().call(() -> (Instant) entityManager
                .createNativeQuery("select ends_at from campaign_rules where campaign_id = ?1").setParameter(1, campaignId)
                .getSingleResult());
        assertThat(endsAt).isBeforeOrEqualTo(sooner.endsAt());
        assertThat(campaignId).isNotEqualTo(later.id());
    }

    private static Response click(String code, String address, String userAgent) {
        return given().redirects().follow(false).header("X-Forwarded-For", address).header("User-Agent", userAgent)
                .get("/s/" + code);
    }

    private void acceptExpect(String visitor, String code, Integer bonusGrabs, String reason) {
        JsonPath answer = accept(visitor, code, newAddress()).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getBoolean("rewarded")).as("rewarded").isEqualTo(reason == null);
        assertThat(answer.getString("reason")).isEqualTo(reason);
        if (bonusGrabs != null) {
            assertThat(answer.getInt("bonusGrabs")).isEqualTo(bonusGrabs);
        }
    }

    private static void badShare(String userId, String json, String field) {
        as(userId).body(json).post("/api/shares").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    static String body(String type, String targetId, String channel) {
        return "{\"targetType\":\"%s\",\"targetId\":\"%s\",\"channel\":\"%s\"}".formatted(type, targetId, channel);
    }

    private double refusals(String reason) {
        var counter = registry.find("pai.share.refusals").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    interface Call<T> {
        T call(int i) throws Exception;
    }

    static <T> List<T> concurrently(int n, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> call.call(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
