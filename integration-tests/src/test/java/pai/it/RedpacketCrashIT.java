package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import pai.it.RedpacketClient.Answer;

/**
 * A redpacket-service process halts at a named crash point (test profile only) in the middle of
 * moving grabs to the ledger, armed to let a first wave of grabs through whole and to halt in the
 * second, so that the test does not race the relay against the first answers; a fresh process
 * takes over. Every grab answered 200 reaches the ledger exactly once and every wallet still equals
 * its entries.
 */
class RedpacketCrashIT {
    /** redpacket-service's RedisKeys.GRAB_STREAM. */
    private static final String GRAB_STREAM = "rp:grabs";
    private static final int FIRST_WAVE = 20;
    private static final int SECOND_WAVE = 40;

    @ParameterizedTest
    @ValueSource(strings = { "relay-after-ack-before-trim", "ledger-after-commit-before-offset" })
    void aCrashBetweenTwoStepsLosesAndDoublesNothing(String crashPoint) throws Exception {
        finishLeftoverWork();
        ServiceProcess armed = ServiceProcess.start("redpacket-service",
                Map.of("quarkus.profile", "test", "pai.redpacket.crash-at", crashPoint,
                        "pai.redpacket.crash-after", Integer.toString(FIRST_WAVE)));
        ServiceProcess successor = null;
        try {
            String campaignId = RedpacketClient.createCampaign(armed, 1_000_000, 1);
            Instant now = Instant.now();
            String dropId = RedpacketClient.createDrop(armed, campaignId, 100, 10_000, now, now.plus(1, ChronoUnit.HOURS));
            await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(RedpacketClient.dropStatus(armed, dropId)));

            // The first wave goes through relay and ledger whole; the process halts in the second.
            String run = UUID.randomUUID().toString().substring(0, 6);
            List<String> answeredGrabIds = new ArrayList<>();
            for (Answer answer : joinAll(grabWave(armed, dropId, run, 0, FIRST_WAVE))) {
                assertThat(answer.status()).as("a first-wave grab: %s", answer.body()).isEqualTo(200);
                answeredGrabIds.add(answer.body().path("grabId").asText());
            }
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> RedpacketLedger.grabs(dropId) == FIRST_WAVE && RedisProbe.streamLength(GRAB_STREAM) == 0);

            for (CompletableFuture<Answer> grab : grabWave(armed, dropId, run, FIRST_WAVE, SECOND_WAVE)) {
                try {
                    Answer answer = grab.join();
                    if (answer.status() == 200) {
                        answeredGrabIds.add(answer.body().path("grabId").asText());
                    }
                } catch (RuntimeException connectionLostInTheCrash) {
                    // a grab the process never answered is not a grab anyone was promised
                }
            }
            assertThat(armed.awaitExit(Duration.ofSeconds(60))).as("the process halted at " + crashPoint).isTrue();
            assertThat(armed.tail()).contains("crash point " + crashPoint + " reached");

            // Grabs Redis granted whose answer died with the process are grabs too: they must reach
            // the ledger like the answered ones, and a repeat returns them.
            successor = ServiceProcess.start("redpacket-service");
            ServiceProcess next = successor;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var reconciliation = RedpacketClient.reconciliation(next, campaignId);
                return reconciliation.path("pending").asLong() == 0
                        && reconciliation.path("ledgerCents").asLong() == reconciliation.path("claimedCents").asLong();
            });
            for (String grabId : answeredGrabIds) {
                assertThat(RedpacketLedger.single("select count(*) from grab where grab_id = ?", grabId))
                        .as("answered grab %s in the ledger once", grabId).isEqualTo(1);
            }
            var reconciliation = RedpacketClient.reconciliation(successor, campaignId);
            assertThat(reconciliation.path("differences").toString()).isEqualTo("[]");
            assertThat(RedpacketLedger.grabs(dropId)).isGreaterThanOrEqualTo(answeredGrabIds.size());
            assertThat(RedpacketLedger.walletsOffTheirEntries(dropId)).isZero();
            assertThat(RedpacketLedger.single(
                    "select coalesce(sum(w.balance_cents), 0) from wallet w where w.user_id in (select user_id from grab where pool_id = ?)",
                    dropId)).isEqualTo(RedpacketLedger.grantedCents(dropId));
        } finally {
            armed.close();
            if (successor != null) {
                successor.close();
            }
        }
    }

    private static List<CompletableFuture<Answer>> grabWave(ServiceProcess service, String dropId, String run, int firstUser, int users) {
        List<CompletableFuture<Answer>> grabs = new ArrayList<>();
        for (int u = firstUser; u < firstUser + users; u++) {
            grabs.add(RedpacketClient.send(service, "POST", "/api/redpackets/drops/" + dropId + "/grab",
                    ItEnvironment.bearer("crash-" + run + "-" + u), null));
        }
        return grabs;
    }

    private static List<Answer> joinAll(List<CompletableFuture<Answer>> answers) {
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Work an earlier test's process left behind would meet the armed process first and halt it before
     * this test's grabs are answered: grabs still in the Redis stream, and drops or lucky packets past
     * their end that nobody closed (closing one puts its close entry in the stream). An unarmed process
     * finishes that work first.
     */
    private static void finishLeftoverWork() throws Exception {
        if (RedisProbe.streamLength(GRAB_STREAM) == 0 && RedpacketLedger.pastDuePools() == 0) {
            return;
        }
        try (ServiceProcess sweeper = ServiceProcess.start("redpacket-service")) {
            await().atMost(Duration.ofSeconds(120)).until(
                    () -> RedpacketLedger.pastDuePools() == 0 && RedisProbe.streamLength(GRAB_STREAM) == 0);
        }
    }
}
