package pai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import pai.platform.testing.LiveClient;

/**
 * No password, access token or refresh token reaches a log. Runs after every other IT (junit-platform.properties
 * orders the classes), lives through a session's whole life with secrets of its own (a wrong password, a refresh,
 * a spent refresh token shown again, the WebSocket's token in the query), then reads the log of every service
 * process and of the gateway that the run started.
 */
@Order(Integer.MAX_VALUE)
class SecretsInLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Three base64url parts starting as a JSON header and claims do: a JWT, whoever's. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    /** The password of the browser tests (web/test/browser.mjs) and of the other ITs' accounts. */
    private static final String TEST_PASSWORD = "correct horse battery";
    private static final List<Path> LOGS = List.of(ItEnvironment.repo().resolve("integration-tests/target/it-logs"),
            ItEnvironment.repo().resolve("integration-tests/target/it-gateway/logs"));

    @RegisterExtension
    static final ServiceInstances services = new ServiceInstances();

    @Test
    void noPasswordOrTokenOfTheRunAppearsInAnyLog() throws Exception {
        ServiceProcess chat = services.start("chat-service");
        String name = "secretive-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        List<String> secrets = new ArrayList<>(List.of(password, wrongPassword, TEST_PASSWORD));

        String account = "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
        JsonNode signedUp = call(chat, "POST", "/api/auth/signup", null, account, 201);
        secrets.add(signedUp.path("accessToken").asText());
        secrets.add(signedUp.path("refreshToken").asText());
        call(chat, "POST", "/api/auth/signin", null, "{\"name\":\"" + name + "\",\"password\":\"" + wrongPassword + "\"}", 401);
        JsonNode signedIn = call(chat, "POST", "/api/auth/signin", null, account, 200);
        String refreshToken = signedIn.path("refreshToken").asText();
        JsonNode refreshed = call(chat, "POST", "/api/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}", 200);
        // shown again: refused, and its whole session revoked, a moment a careless service would log the token
        call(chat, "POST", "/api/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}", 401);
        String accessToken = refreshed.path("accessToken").asText();
        call(chat, "GET", "/api/auth/me", accessToken, null, 200);
        secrets.addAll(List.of(signedIn.path("accessToken").asText(), refreshToken, accessToken,
                refreshed.path("refreshToken").asText()));
        try (LiveClient live = LiveClient.byQuery(URI.create(chat.baseUrl().replaceFirst("^http", "ws") + "/api/chat/ws"),
                signedUp.path("accessToken").asText())) {
            live.await(frame -> "ready".equals(frame.path("type").asText()), Duration.ofSeconds(30));
        }
        call(chat, "POST", "/api/auth/signout", null, "{\"refreshToken\":\"" + refreshed.path("refreshToken").asText() + "\"}", 204);
        chat.close();

        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path dir : LOGS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> logs = Files.list(dir)) {
                for (Path log : logs.filter(Files::isRegularFile).sorted().toList()) {
                    files++;
                    found.addAll(secretsIn(log, secrets));
                }
            }
        }
        System.out.printf("secrets in logs: %d log files read, %d secrets sought besides any JWT, %d found%n",
                files, secrets.size(), found.size());
        assertThat(files).as("log files of the run").isGreaterThanOrEqualTo(1);
        assertThat(found).as("passwords and tokens in logs").isEmpty();
    }

    /** Where a secret or a JWT stands in the log: file and line, never the secret itself. */
    private static List<String> secretsIn(Path log, List<String> secrets) {
        List<String> found = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (JWT.matcher(line).find()) {
                    found.add(log.getFileName() + ":" + (i + 1) + " holds a JWT");
                }
                for (String secret : secrets) {
                    if (line.contains(secret)) {
                        found.add(log.getFileName() + ":" + (i + 1) + " holds a password or token of the run");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static JsonNode call(ServiceProcess service, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
