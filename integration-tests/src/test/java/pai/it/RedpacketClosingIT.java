package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import pai.it.RedpacketClient.Answer;

/**
 * Two instances, so two schedulers and two relays, while grabs hammer a drop through its close:
 * every grab lands in the ledger once, the remainder is refunded once, and nothing is granted
 * after the close.
 */
class RedpacketClosingIT {
    @RegisterExtension
    static final ServiceInstances redpacket = ServiceInstances.twoOf("redpacket-service");

    @Test
    void grabsHammeringADropThroughItsCloseAddUpWithTheRefundToTheAmount() throws Exception {
        long amount = 500_000;
        String campaignId = RedpacketClient.createCampaign(redpacket.first(), 10_000_000, 1);
        Instant start = Instant.now();
        Instant end = start.plusSeconds(8);
        String dropId = RedpacketClient.createDrop(redpacket.first(), campaignId, 5_000, amount, start, end);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(RedpacketClient.dropStatus(redpacket.first(), dropId)));

        String run = UUID.randomUUID().toString().substring(0, 6);
        AtomicInteger grantedAfterClose = new AtomicInteger();
        long grantedCents = 0;
        int granted = 0;
        int user = 0;
        // Waves of grabs until well after the end, on both instances.
        while (Instant.now().isBefore(end.plusSeconds(3))) {
            List<CompletableFuture<Answer>> wave = new ArrayList<>();
            Instant sentAt = Instant.now();
            for (int i = 0; i < 100; i++, user++) {
                ServiceProcess instance = redpacket.byTurn(user);
                wave.add(RedpacketClient.send(instance, "POST", "/api/redpackets/drops/" + dropId + "/grab",
                        ItEnvironment.bearer("closing-" + run + "-" + user), null));
            }
            for (CompletableFuture<Answer> pending : wave) {
                Answer answer = pending.join();
                if (answer.status() == 200) {
                    granted++;
                    grantedCents += answer.body().path("amountCents").asLong();
                    if (sentAt.isAfter(end.plusMillis(500))) {
                        grantedAfterClose.incrementAndGet();
                    }
                } else {
                    assertThat(answer.status()).as("%s", answer.body()).isIn(409, 410, 429);
                }
            }
        }
        assertThat(granted).isGreaterThan(0);
        assertThat(grantedAfterClose).hasValue(0);

        await().atMost(Duration.ofSeconds(60)).until(() -> "CLOSED".equals(RedpacketClient.dropStatus(redpacket.second(), dropId)));
        final int grantedCount = granted;
        await().atMost(Duration.ofSeconds(60)).until(() -> RedpacketLedger.grabs(dropId) == grantedCount);
        assertThat(RedpacketLedger.grantedCents(dropId)).isEqualTo(grantedCents);
        assertThat(RedpacketLedger.refunds(dropId)).isEqualTo(1);
        assertThat(RedpacketLedger.grantedCents(dropId) + RedpacketLedger.refundedCents(dropId)).isEqualTo(amount);
        assertThat(RedpacketLedger.grabsAfterTheEnd(dropId)).isZero();
        assertThat(RedpacketLedger.walletsOffTheirEntries(dropId)).isZero();
        var reconciliation = RedpacketClient.reconciliation(redpacket.first(), campaignId);
        assertThat(reconciliation.path("differences").toString()).isEqualTo("[]");
        assertThat(reconciliation.path("refundedCents").asLong()).isEqualTo(amount - grantedCents);
    }
}
