package pai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import pai.launcher.testing.LocalPorts;

/**
 * The gateway as it runs: the real nginx with the template rendered as ./pai renders it, in front of
 * fake services that answer with what reached them (and the share-service port left dead, to see the
 * gateway answer for a service that is down).
 */
class GatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Path root;
    private static final List<FakeUpstream> services = new ArrayList<>();
    private static Process nginx;
    private static int port;

    @BeforeAll
    static void startGateway() throws Exception {
        root = Files.createTempDirectory("pai-gateway-test");
        Path repo = root.resolve("repo");
        Files.createDirectories(repo.resolve("gateway"));
        Files.copy(Path.of("..", GatewayConfig.TEMPLATE), repo.resolve(GatewayConfig.TEMPLATE));
        Files.createDirectories(repo.resolve("web/dist/assets"));
        Files.writeString(repo.resolve("web/dist/index.html"), "<!doctype html><title>Pai</title>");
        Files.writeString(repo.resolve("web/dist/assets/index-3f9a1c2b.js"), "console.log('pai')");

        for (String service : List.of("chat", "agent", "redpacket")) {
            services.add(new FakeUpstream(service));
        }
        port = LocalPorts.free();
        Path state = root.resolve("state");
        GatewayConfig.write(repo, state, state.resolve("logs"), new GatewayConfig.Ports(port, services.get(0).port(),
                services.get(1).port(), services.get(2).port(), LocalPorts.free()));
        nginx = new ProcessBuilder(nginxBinary(), "-p", state.resolve("nginx") + "/", "-c",
                state.resolve("nginx/nginx.conf").toString(), "-e", state.resolve("logs/gateway-error.log").toString())
                .redirectErrorStream(true).redirectOutput(state.resolve("logs/nginx.out").toFile()).start();
        LocalPorts.awaitListening(port, nginx, "nginx", Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        for (FakeUpstream service : services) {
            service.close();
        }
    }

    @Test
    void routesEachPrefixToItsServiceWithThePathUnchanged() throws Exception {
        assertThat(served("GET", "/api/chat/pais").path("service").asText()).isEqualTo("chat");
        assertThat(served("POST", "/api/auth/signin").path("service").asText()).isEqualTo("chat");
        assertThat(served("GET", "/api/agents/catalog").path("service").asText()).isEqualTo("agent");
        JsonNode grab = served("GET", "/api/redpackets/live");
        assertThat(grab.path("service").asText()).isEqualTo("redpacket");
        assertThat(grab.path("path").asText()).isEqualTo("/api/redpackets/live");

        HttpResponse<String> unknown = send("GET", "/api/nothing/here", "Bearer a", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(unknown.body()).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void replacesAClientsOwnForwardedForWithTheAddressItSees() throws Exception {
        HttpResponse<String> answer = HTTP.send(request("GET", "/api/chat/pais", "Bearer a", "")
                .header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(answer.body()).path("forwardedFor").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void upgradesTheLiveSocketAndPassesItsSubprotocol() throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder().subprotocols("bearer", "a.b.c")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/chat/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        echoed.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(socket.getSubprotocol()).isEqualTo("bearer");
        socket.sendText("{\"type\":\"resume\"}", true);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("echo:{\"type\":\"resume\"}");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void limitsGrabsPerTokenWithAProblemAndRetryAfterAndLeavesOtherTokensAndCallsAlone() throws Exception {
        for (String grab : List.of("/api/redpackets/drops/d1/grab", "/api/redpackets/packets/p1/grab")) {
            String token = "Bearer eager-" + grab.hashCode();
            // At once, so that the limit's refill (one every 200 ms) plays no part.
            List<HttpResponse<String>> answers = allAtOnce(40, () -> send("POST", grab, token, ""));
            long granted = answers.stream().filter(a -> a.statusCode() == 200).count();
            List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();
            assertThat(granted).as("%s: one and a burst of 10 pass", grab).isBetween(11L, 13L);
            assertThat(limited).as(grab).hasSize(answers.size() - (int) granted);
            HttpResponse<String> refused = limited.get(0);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(problem.path("status").asInt()).isEqualTo(429);

            assertThat(send("POST", grab, "Bearer another-user", "").statusCode()).isEqualTo(200);
            assertThat(send("GET", "/api/redpackets/live", token, "").statusCode()).as("not a grab").isEqualTo(200);
        }
        assertThat(send("GET", "/api/redpackets/wallet", "Bearer a", "").headers().firstValue("Retry-After"))
                .as("only the gateway's own 429 gets its Retry-After").isEmpty();
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static List<HttpResponse<String>> allAtOnce(int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.send();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> done = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                done.add(answer.get(30, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void servesTheWebClientWithHashedAssetsImmutableAndTheRestRevalidated() throws Exception {
        HttpResponse<String> index = send("GET", "/", null, "");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>Pai</title>");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> route = send("GET", "/pais/123", null, "");
        assertThat(route.body()).as("client-side routes fall back to index.html").contains("<title>Pai</title>");

        HttpResponse<String> asset = send("GET", "/assets/index-3f9a1c2b.js", null, "");
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/javascript"));

        assertThat(send("GET", "/api/chat/pais", "Bearer a", "").headers().firstValue("Cache-Control"))
                .as("API answers keep the services' own").isEmpty();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> answer : List.of(send("GET", "/", null, ""), send("GET", "/api/chat/pais", "Bearer a", ""),
                send("GET", "/api/nothing", null, ""))) {
            String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Server")).hasValue("nginx");
        }
    }

    @Test
    void refusesAnOversizedBodyAsAProblemButTakesAnImageUploadOfTenMebibytes() throws Exception {
        String twoMebibytes = "x".repeat(2 * 1024 * 1024);
        HttpResponse<String> tooLarge = send("POST", "/api/chat/pais/p1/messages", "Bearer a", twoMebibytes);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(tooLarge.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

        HttpResponse<String> upload = send("POST", "/api/chat/media", "Bearer a", "x".repeat(10 * 1024 * 1024));
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(upload.body()).path("service").asText()).isEqualTo("chat");
    }

    @Test
    void answersForAServiceThatIsDownInTheApisErrorFormat() throws Exception {
        HttpResponse<String> down = send("POST", "/api/shares", "Bearer a", "{}");
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(down.body());
        assertThat(problem.path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(problem.path("detail").asText()).contains("/api/shares");
    }

    private static JsonNode served(String method, String path) throws Exception {
        HttpResponse<String> answer = send(method, path, "Bearer a", method.equals("GET") ? "" : "{}");
        assertThat(answer.statusCode()).as("%s %s", method, path).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        return HTTP.send(request(method, path, authorization, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /** Debian's nginx, which ./pai and CI install: the gateway is part of what is tested, never skipped. */
    private static String nginxBinary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is missing: apt-get install nginx-light (./pai up and .ci/run install it)");
    }
}
