package pai.redpacket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static pai.redpacket.RedpacketApi.createCampaign;
import static pai.redpacket.RedpacketApi.dropJson;
import static pai.redpacket.RedpacketApi.operator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.platform.testing.TestEnvironment;
import pai.redpacket.service.campaign.BudgetMeters;

/** The meters the dashboards and the overspend alerts (deploy/prometheus/alerts.yml) read, as Prometheus exposes them. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class MoneyMetersTest {
    @Inject
    BudgetMeters budgetMeters;

    @Inject
    EntityManager entityManager;

    @Test
    void anOpenCampaignsBudgetIsAGaugeInCentsUntilTheCampaignIsPaused() {
        String campaignId = createCampaign(10_000, 1);
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        operator().body(dropJson(10, 6_000, "EVEN", start, start.plus(10, ChronoUnit.MINUTES)))
                .post("/api/redpackets/campaigns/" + campaignId + "/drops").then().statusCode(201);

        budgetMeters.refresh();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_redpacket_budget_remaining_cents{campaign=\"" + campaignId + "\"} 4000.0"))
                .body(containsString("pai_redpacket_budget_total_cents{campaign=\"" + campaignId + "\"} 10000.0"));

        operator().post("/api/redpackets/campaigns/" + campaignId + "/pause").then().statusCode(200);
        budgetMeters.refresh();
        given().get("/q/metrics").then().statusCode(200)
                .body(not(containsString("campaign=\"" + campaignId + "\"")));
    }

    @Test
    void everyReconciliationIsCountedByWhetherItFoundADifference() {
        String campaignId = createCampaign(1_000, 1);
        double ok = reconciliations("ok");
        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().statusCode(200)
                .body("ok", equalTo(true));
        assertThat(reconciliations("ok")).isEqualTo(ok + 1);

        // The campaign claims a reservation no drop holds: the difference an operator must look at.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update campaign set reserved_cents = 500 where id = ?1")
                .setParameter(1, campaignId).executeUpdate());
        double differences = reconciliations("differences");
        operator().get("/api/redpackets/campaigns/" + campaignId + "/reconciliation").then().statusCode(200)
                .body("ok", equalTo(false));
        assertThat(reconciliations("differences")).isEqualTo(differences + 1);
        assertThat(reconciliations("ok")).isEqualTo(ok + 1);
    }

    private static double reconciliations(String outcome) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("(?m)^pai_redpacket_reconciliations_total\\{outcome=\"" + outcome + "\"} (\\S+)$")
                .matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
