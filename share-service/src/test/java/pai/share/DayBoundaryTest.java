package pai.share;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pai.platform.testing.TestUsers.newUser;
import static pai.share.ShareApi.accept;
import static pai.share.ShareApi.campaign;
import static pai.share.ShareApi.newAddress;
import static pai.share.ShareApi.share;

import java.time.Instant;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import pai.platform.testing.TestEnvironment;

/** "Per day" is the campaign's day: Shanghai's midnight is 16:00 UTC, New York's (in winter) 05:00 UTC. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(DayBoundaryTest.WithMovableClock.class)
class DayBoundaryTest {
    private static final Instant BEFORE_SHANGHAI_MIDNIGHT = Instant.parse("2027-02-06T15:59:00Z");
    private static final Instant AFTER_SHANGHAI_MIDNIGHT = Instant.parse("2027-02-06T16:00:30Z");

    public static class WithMovableClock implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    @Inject
    MovableClock clock;
    @Inject
    EntityManager entityManager;

    @Test
    void theDailyRewardCapResetsAtTheCampaignsMidnightNotAtUtcs() {
        ShareApi.Campaign shanghai = february("Asia/Shanghai");
        ShareApi.Campaign newYork = february("America/New_York");
        clock.set(BEFORE_SHANGHAI_MIDNIGHT);
        String alice = newUser("alice");
        String inShanghai = share(alice, "CAMPAIGN", shanghai.id(), "WECHAT");
        String inNewYork = share(alice, "CAMPAIGN", newYork.id(), "WECHAT");

        rewarded(newUser("bob"), inShanghai, true);
        reason(newUser("carol"), inShanghai, "DAILY_CAP");
        rewarded(newUser("bob"), inNewYork, true);

        clock.set(AFTER_SHANGHAI_MIDNIGHT);
        rewarded(newUser("dave"), inShanghai, true);
        reason(newUser("erin"), inNewYork, "DAILY_CAP");
    }

    @Test
    void aVisitorsClickCountsOncePerCampaignDay() {
        ShareApi.Campaign shanghai = february("Asia/Shanghai");
        clock.set(BEFORE_SHANGHAI_MIDNIGHT);
        String code = share(newUser("alice"), "CAMPAIGN", shanghai.id(), "LINK");
        String address = newAddress();

        click(code, address);
        clock.set(BEFORE_SHANGHAI_MIDNIGHT.plusSeconds(30));
        click(code, address);
        clock.set(AFTER_SHANGHAI_MIDNIGHT);
        click(code, address);

        long clicks = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from share_click where code = ?1").setParameter(1, code)
                .getSingleResult()).longValue());
        assertThat(clicks).isEqualTo(2);
    }

    private static ShareApi.Campaign february(String timezone) {
        return campaign(Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2027-02-28T00:00:00Z"), timezone, 1, 10, 1);
    }

    private static void click(String code, String address) {
        given().redirects().follow(false).header("X-Forwarded-For", address).header("User-Agent", "Mozilla/5.0")
                .get("/s/" + code).then().statusCode(302);
    }

    private static void rewarded(String visitor, String code, boolean rewarded) {
        accept(visitor, code, newAddress()).then().statusCode(200).body("rewarded", equalTo(rewarded));
    }

    private static void reason(String visitor, String code, String reason) {
        accept(visitor, code, newAddress()).then().statusCode(200).body("reason", equalTo(reason));
    }
}
