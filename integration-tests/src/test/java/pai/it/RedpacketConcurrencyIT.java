package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import pai.it.RedpacketClient.Answer;

/**
 * Two redpacket-service processes behind no balancer, grabbed at the same time: the money of a
 * drop is shared exactly, each user at most once, and the ledger ends up with every grab once.
 */
class RedpacketConcurrencyIT {
    @RegisterExtension
    static final ServiceInstances redpacket = ServiceInstances.twoOf("redpacket-service");

    @Test
    void twoThousandGrabsByAThousandUsersOnTwoInstancesShareThreeHundredPacketsExactly() throws Exception {
        long amount = 88_888;
        String campaignId = RedpacketClient.createCampaign(redpacket.first(), 1_000_000, 1);
        Instant now = Instant.now();
        String dropId = RedpacketClient.createDrop(redpacket.first(), campaignId, 300, amount, now, now.plus(1, ChronoUnit.HOURS));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(RedpacketClient.dropStatus(redpacket.second(), dropId)));

        String run = UUID.randomUUID().toString().substring(0, 6);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        List<String> askers = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int u = 0; u < 1_000; u++) {
                String user = "crowd-" + run + "-" + u;
                ServiceProcess instance = redpacket.byTurn(u + attempt);
                askers.add(user);
                answers.add(RedpacketClient.send(instance, "POST", "/api/redpackets/drops/" + dropId + "/grab",
                        ItEnvironment.bearer(user), null));
            }
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

        Map<String, JsonNode> winners = new HashMap<>();
        Set<String> grabIds = new HashSet<>();
        long granted = 0;
        int soldOut = 0;
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i).join();
            if (answer.status() == 200 && !answer.body().path("replayed").asBoolean()) {
                assertThat(winners.put(askers.get(i), answer.body())).as("user %s won twice", askers.get(i)).isNull();
                assertThat(grabIds.add(answer.body().path("grabId").asText())).isTrue();
                granted += answer.body().path("amountCents").asLong();
            } else if (answer.status() == 200) {
                JsonNode original = winners.get(askers.get(i));
                if (original != null) {
                    assertThat(answer.body().path("grabId").asText()).isEqualTo(original.path("grabId").asText());
                }
            } else {
                assertThat(answer.status()).as("answer %s", answer.body()).isIn(410, 429);
                soldOut += answer.status() == 410 ? 1 : 0;
            }
        }
        assertThat(winners).hasSize(300);
        assertThat(granted).isEqualTo(amount);
        assertThat(soldOut).isGreaterThan(0);

        await().atMost(Duration.ofSeconds(60)).until(() -> RedpacketLedger.grabs(dropId) == 300);
        try (Connection db = ItEnvironment.database("redpacket");
                PreparedStatement query = db.prepareStatement(
                        "select count(distinct user_id), count(distinct packet_index), sum(amount_cents) from grab where pool_id = ?")) {
            query.setString(1, dropId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).isEqualTo(300);
                assertThat(row.getLong(2)).isEqualTo(300);
                assertThat(row.getLong(3)).isEqualTo(amount);
            }
        }
        JsonNode reconciliation = RedpacketClient.reconciliation(redpacket.second(), campaignId);
        assertThat(reconciliation.path("differences").toString()).isEqualTo("[]");
        assertThat(reconciliation.path("ok").asBoolean()).isTrue();
        assertThat(reconciliation.path("ledgerCents").asLong()).isEqualTo(amount);
    }
}
