package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import pai.it.RedpacketClient.Answer;
import pai.launcher.testing.LocalPorts;

/**
 * Redis dies with kill -9 in the middle of a drop and comes back from its append-only file:
 * no grab that was answered 200 is lost or granted twice, and a repeat returns the same grab.
 */
class RedisRestartIT {

    @Test
    void anAcknowledgedGrabSurvivesAKilledRedisAndIsNeverRepeated() throws Exception {
        Path dir = Files.createTempDirectory("pai-redis-it");
        int port = LocalPorts.free();
        Process redis = startRedis(port, dir);
        ServiceProcess service = null;
        try {
            service = ServiceProcess.start("redpacket-service", Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port));
            ServiceProcess running = service;
            String campaignId = RedpacketClient.createCampaign(service, 10_000_000, 1);
            Instant now = Instant.now();
            String dropId = RedpacketClient.createDrop(service, campaignId, 1_000, 100_000, now, now.plus(1, ChronoUnit.HOURS));
            await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(RedpacketClient.dropStatus(running, dropId)));

            String run = UUID.randomUUID().toString().substring(0, 6);
            Map<String, String> before = grab(service, dropId, run + "-a", 200);
            assertThat(before).hasSize(200);

            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            redis = startRedis(port, dir);

            // The connection pool reconnects; give it a moment, then grab on.
            await().atMost(Duration.ofSeconds(30)).until(() -> RedpacketClient.call(running, "GET",
                    "/api/redpackets/drops/" + dropId, ItEnvironment.bearer("probe"), null).status() == 200);
            Map<String, String> after = grab(service, dropId, run + "-b", 200);
            assertThat(after).hasSize(200);
            Map<String, String> repeats = new HashMap<>();
            before.keySet().stream().limit(50).forEach(user -> {
                Answer again = RedpacketClient.call(running, "POST", "/api/redpackets/drops/" + dropId + "/grab",
                        ItEnvironment.bearer(user), null);
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.body().path("replayed").asBoolean()).isTrue();
                repeats.put(user, again.body().path("grabId").asText());
            });
            repeats.forEach((user, grabId) -> assertThat(grabId).isEqualTo(before.get(user)));

            await().atMost(Duration.ofSeconds(60)).until(() -> RedpacketLedger.grabs(dropId) == 400);
            for (String grabId : before.values()) {
                assertThat(RedpacketLedger.single("select count(*) from grab where grab_id = ?", grabId)).isEqualTo(1);
            }
            var reconciliation = RedpacketClient.reconciliation(service, campaignId);
            assertThat(reconciliation.path("differences").toString()).isEqualTo("[]");
            assertThat(reconciliation.path("ledgerCents").asLong()).isEqualTo(RedpacketLedger.grantedCents(dropId));
        } finally {
            if (service != null) {
                service.close();
            }
            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Each of {@code count} new users grabs once at the same time; returns user to grab id for the 200s. */
    private static Map<String, String> grab(ServiceProcess service, String dropId, String prefix, int count) {
        List<String> users = new ArrayList<>();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = "restart-" + prefix + "-" + i;
            users.add(user);
            answers.add(RedpacketClient.send(service, "POST", "/api/redpackets/drops/" + dropId + "/grab",
                    ItEnvironment.bearer(user), null));
        }
        Map<String, String> granted = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Answer answer = answers.get(i).join();
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
            granted.put(users.get(i), answer.body().path("grabId").asText());
        }
        return granted;
    }

    private static Process startRedis(int port, Path dir) throws IOException, InterruptedException {
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--maxmemory-policy", "noeviction")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return redis;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not start on " + port + ": " + Files.readString(dir.resolve("redis.log")));
    }
}
