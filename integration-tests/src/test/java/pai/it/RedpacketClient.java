package pai.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP calls to redpacket-service instances, shared by the red-packet ITs. */
final class RedpacketClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(16))
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("code").asText(null);
        }
    }

    private RedpacketClient() {
    }

    static Answer call(ServiceProcess service, String method, String path, String token, String body) {
        try {
            return send(service, method, path, token, body).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException(method + " " + path, e.getCause());
        }
    }

    static CompletableFuture<Answer> send(ServiceProcess service, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            try {
                String text = response.body();
                return new Answer(response.statusCode(), text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String createCampaign(ServiceProcess service, long budgetCents, int maxGrabsPerUser) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"name":"IT campaign","budgetCents":%d,"startsAt":"%s","endsAt":"%s","maxGrabsPerUser":%d,
                 "shareBonusGrabs":1,"maxBonusGrabsPerUser":2}"""
                .formatted(budgetCents, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS), maxGrabsPerUser);
        Answer answer = call(service, "POST", "/api/redpackets/campaigns", ItEnvironment.operatorBearer("it-ops"), body);
        expect(answer, 201);
        return answer.body().path("id").asText();
    }

    static String createDrop(ServiceProcess service, String campaignId, int packets, long amountCents, Instant startsAt,
            Instant endsAt) {
        String body = """
                {"packetCount":%d,"amountCents":%d,"split":"RANDOM","startsAt":"%s","endsAt":"%s"}"""
                .formatted(packets, amountCents, startsAt, endsAt);
        Answer answer = call(service, "POST", "/api/redpackets/campaigns/" + campaignId + "/drops",
                ItEnvironment.operatorBearer("it-ops"), body);
        expect(answer, 201);
        return answer.body().path("id").asText();
    }

    static String dropStatus(ServiceProcess service, String dropId) {
        return call(service, "GET", "/api/redpackets/drops/" + dropId, ItEnvironment.bearer("it-watcher"), null)
                .body().path("status").asText();
    }

    static JsonNode reconciliation(ServiceProcess service, String campaignId) {
        Answer answer = call(service, "GET", "/api/redpackets/campaigns/" + campaignId + "/reconciliation",
                ItEnvironment.operatorBearer("it-ops"), null);
        expect(answer, 200);
        return answer.body();
    }

    static void expect(Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + " but got " + answer.status() + ": " + answer.body());
        }
    }
}
