package pai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo seed against a gateway that answers as the services do. */
class DemoSeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer gateway;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int shareStatus = 201;
    /** The accounts the fake chat-service has, by name, with their passwords; and those made operators. */
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final Set<String> operators = ConcurrentHashMap.newKeySet();
    private final DemoSeed.OperatorMarking marking = name -> {
        if (!accounts.containsKey(name)) {
            return Optional.empty();
        }
        boolean already = !operators.add(name);
        return Optional.of(new Operators.Marked("id-" + name, name, already));
    };

    record Call(String method, String path, String authorization, String idempotencyKey, String contentType, byte[] body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void seedsEveryStepOnceAndPrintsWhatEachAnswered() throws Exception {
        String output = seed();

        assertThat(output).isEqualTo("""
                \033[1m==> seeding a demo\033[0m
                  demo-alice signs up: HTTP 201
                  demo-bob signs up: HTTP 201
                  demo-operator signs up: HTTP 201
                  demo-operator is an operator in the database, signs in again: HTTP 200
                  pai 春节群 by demo-alice: HTTP 201, id pai-1
                  agent summarizer enabled: HTTP 200
                  agent supervisor enabled: HTTP 200
                  agent remixer enabled: HTTP 200
                  agent planner enabled: HTTP 200
                  agent knowledge enabled: HTTP 200
                  demo-bob joins: HTTP 200
                  goal 每天跑步 by demo-alice: HTTP 201
                  "周六早上八点在北宫门集合，一起去爬香山！": HTTP 201
                  "好啊，我带水和面包，天气预报说周六是晴天": HTTP 201
                  "#打卡 今天跑了五公里": HTTP 201
                  photo uploaded: HTTP 201
                  @remixer cartoon in reply to the photo: HTTP 201
                  "@knowledge 我们几点集合?": HTTP 201
                  "@summarizer": HTTP 201
                  campaign of 1,000,000 yuan by demo-operator: HTTP 201, id campaign-1
                  drop of 100 packets, 10,000 yuan, for 2 hours: HTTP 201
                  demo-alice shares the campaign to WeChat: HTTP 201, http://127.0.0.1:8080/s/SHARE1
                  demo-bob accepts it, demo-alice earns a grab: HTTP 200, rewarded:true
                """);
        Path seed = dir.resolve("seed");
        assertThat(Files.readString(seed.resolve("operator"))).isEqualTo("id-demo-operator\n");
        assertThat(Files.readString(seed.resolve("pai"))).isEqualTo("pai-1\n");
        assertThat(Files.readString(seed.resolve("invite"))).isEqualTo("INVITE1\n");
        assertThat(Files.readString(seed.resolve("campaign"))).isEqualTo("campaign-1\n");
        assertThat(Files.readString(seed.resolve("share"))).isEqualTo("http://127.0.0.1:8080/s/SHARE1\n");
        assertThat(seed.resolve("agents-all")).exists();
        assertThat(seed.resolve("talk")).exists();
        assertThat(seed.resolve("drop")).exists();

        String password = Files.readString(dir.resolve("demo-password")).strip();
        assertThat(password).matches("[A-Za-z0-9]{16}");
        assertThat(Files.getPosixFilePermissions(dir.resolve("demo-password"))).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(accounts).containsOnlyKeys("demo-alice", "demo-bob", "demo-operator").containsValue(password);
        assertThat(new HashSet<>(accounts.values())).containsExactly(password);
        assertThat(operators).containsExactly("demo-operator");
        assertThat(call("POST", "/api/auth/signup").authorization()).isNull();
        assertThat(call("POST", "/api/chat/pais").authorization()).isEqualTo("Bearer eyJ.demo-alice");
        assertThat(call("POST", "/api/redpackets/campaigns").authorization()).isEqualTo("Bearer eyJ.demo-operator.operator");

        assertThat(call("POST", "/api/chat/pais/join").json().path("inviteCode").asText()).isEqualTo("INVITE1");
        Call upload = call("POST", "/api/chat/media");
        assertThat(upload.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(new String(upload.body(), StandardCharsets.ISO_8859_1))
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"hills.jpg\"", "Content-Type: image/jpeg",
                        "JPEG BYTES");
        JsonNode remix = calls.stream().filter(c -> c.path().equals("/api/chat/pais/pai-1/messages"))
                .map(DemoSeedTest::json).filter(m -> m.path("clientMsgId").asText().equals("demo-talk-5"))
                .findFirst().orElseThrow();
        assertThat(remix.path("replyToSeq").asLong()).isEqualTo(4);
        Call campaign = call("POST", "/api/redpackets/campaigns");
        assertThat(campaign.idempotencyKey()).matches("demo-campaign-\\d+");
        assertThat(campaign.json().path("budgetCents").asLong()).isEqualTo(100_000_000L);
        assertThat(call("POST", "/api/redpackets/campaigns/campaign-1/drops").idempotencyKey()).isEqualTo("demo-drop-campaign-1");
        assertThat(call("POST", "/api/shares/SHARE1/accept").body()).isEmpty();

        calls.clear();
        assertThat(seed()).isEqualTo("demo data was seeded before (rm -r .pai/seed to seed again)\n");
        assertThat(calls).isEmpty();
    }

    @Test
    void accountsThatExistSignInWithTheSamePasswordAndTheOperatorKeepsItsRole() throws Exception {
        seed();
        String password = Files.readString(dir.resolve("demo-password"));
        deleteSeedFolder();
        calls.clear();

        assertThat(seed()).startsWith("""
                \033[1m==> seeding a demo\033[0m
                  demo-alice signs in: HTTP 200
                  demo-bob signs in: HTTP 200
                  demo-operator signs in: HTTP 200
                  demo-operator is an operator in the database, signs in again: HTTP 200
                  pai 春节群 by demo-alice: HTTP 201, id pai-1
                """);
        assertThat(Files.readString(dir.resolve("demo-password"))).isEqualTo(password);
        assertThat(call("POST", "/api/redpackets/campaigns").authorization()).isEqualTo("Bearer eyJ.demo-operator.operator");
    }

    @Test
    void anAccountWithAnotherPasswordIsSaidAndItsStepsAreLeftForALaterRun() throws Exception {
        accounts.put("demo-alice", "not the demo's");

        String output = seed();

        assertThat(output).contains("  demo-alice signs in: HTTP 401 (the account has another password than the demo's)\n",
                "  pai 春节群 by demo-alice: HTTP 401\n", "  campaign of 1,000,000 yuan by demo-operator: HTTP 201");
        assertThat(dir.resolve("seed/pai")).doesNotExist();
        assertThat(dir.resolve("seed/campaign")).exists();
    }

    @Test
    void aLaterRunRetriesOnlyTheStepsThatDidNotWork() throws Exception {
        shareStatus = 500;
        assertThat(seed()).contains("  demo-alice shares the campaign to WeChat: HTTP 500\n")
                .doesNotContain("accepts it");
        assertThat(dir.resolve("seed/share")).doesNotExist();

        calls.clear();
        shareStatus = 201;
        assertThat(seed()).isEqualTo("""
                \033[1m==> seeding a demo\033[0m
                  demo-alice signs in: HTTP 200
                  demo-bob signs in: HTTP 200
                  demo-operator signs in: HTTP 200
                  demo-alice shares the campaign to WeChat: HTTP 201, http://127.0.0.1:8080/s/SHARE1
                  demo-bob accepts it, demo-alice earns a grab: HTTP 200, rewarded:true
                """);
        assertThat(calls).extracting(Call::path).filteredOn(path -> !path.startsWith("/api/auth/"))
                .containsExactly("/api/shares", "/api/shares/SHARE1/accept");
    }

    @Test
    void nothingAnsweringIsStatus000() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThat(seed(URI.create("http://127.0.0.1:" + closedPort))).contains("  demo-alice signs up: HTTP 000\n",
                "  pai 春节群 by demo-alice: HTTP 000\n", "  campaign of 1,000,000 yuan by demo-operator: HTTP 000\n");
        assertThat(dir.resolve("seed/operator")).doesNotExist();
        assertThat(dir.resolve("seed/pai")).doesNotExist();
    }

    private String seed() throws Exception {
        return seed(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()));
    }

    private String seed(URI gatewayUrl) throws Exception {
        Path photo = dir.resolve("hills.jpg");
        Files.writeString(photo, "JPEG BYTES");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoSeed.run(gatewayUrl, dir.resolve("seed"), dir.resolve("demo-password"), marking, photo,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private void deleteSeedFolder() throws IOException {
        try (var files = Files.list(dir.resolve("seed"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private Call call(String method, String path) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().equals(path)).findFirst().orElseThrow();
    }

    private static JsonNode json(Call call) {
        try {
            return call.json();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        calls.add(new Call(method, path, authorization, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        if (path.startsWith("/api/auth/")) {
            answerAuth(exchange, path, JSON.readTree(body));
            return;
        }
        if (authorization == null || !authorization.startsWith("Bearer ey")) {
            reply(exchange, 401, "{}");
            return;
        }
        if (method.equals("POST") && path.equals("/api/chat/pais")) {
            reply(exchange, 201, "{\"owner\":{\"id\":\"not-this\"},\"id\":\"pai-1\",\"inviteCode\":\"INVITE1\"}");
        } else if (method.equals("PUT") && path.startsWith("/api/agents/pais/pai-1/agents/")) {
            reply(exchange, 200, "{\"enabled\":true}");
        } else if (path.equals("/api/chat/pais/join")) {
            reply(exchange, 200, "{\"id\":\"pai-1\"}");
        } else if (path.equals("/api/agents/pais/pai-1/goals")) {
            reply(exchange, 201, "{\"id\":\"goal-1\"}");
        } else if (path.equals("/api/chat/media")) {
            reply(exchange, 201, "{\"mediaId\":\"media-1\"}");
        } else if (path.equals("/api/chat/pais/pai-1/messages")) {
            boolean photo = new String(body, StandardCharsets.UTF_8).contains("\"IMAGE\"");
            reply(exchange, 201, photo ? "{\"id\":\"m-4\",\"seq\":4}" : "{\"id\":\"m\",\"seq\":5}");
        } else if (path.equals("/api/redpackets/campaigns")) {
            reply(exchange, 201, "{\"id\":\"campaign-1\"}");
        } else if (path.equals("/api/redpackets/campaigns/campaign-1/drops")) {
            reply(exchange, 201, "{\"id\":\"drop-1\"}");
        } else if (path.equals("/api/shares")) {
            reply(exchange, shareStatus, shareStatus == 201
                    ? "{\"code\":\"SHARE1\",\"url\":\"http://127.0.0.1:8080/s/SHARE1\"}" : "{\"status\":500}");
        } else if (path.equals("/api/shares/SHARE1/accept")) {
            reply(exchange, 200, "{\"code\":\"SHARE1\",\"rewarded\":true,\"bonusGrabs\":1}");
        } else {
            reply(exchange, 404, "{\"status\":404}");
        }
    }

    /** Sign-up and sign-in as chat-service answers them; an operator's token says so. */
    private void answerAuth(HttpExchange exchange, String path, JsonNode request) throws IOException {
        String name = request.path("name").asText();
        String password = request.path("password").asText();
        if (path.equals("/api/auth/signup")) {
            if (accounts.putIfAbsent(name, password) != null) {
                reply(exchange, 409, "{\"code\":\"NAME_TAKEN\"}");
                return;
            }
            reply(exchange, 201, session(name));
        } else if (path.equals("/api/auth/signin") && password.equals(accounts.get(name))) {
            reply(exchange, 200, session(name));
        } else {
            reply(exchange, 401, "{\"code\":\"BAD_CREDENTIALS\"}");
        }
    }

    private String session(String name) {
        return "{\"userId\":\"id-" + name + "\",\"accessToken\":\"eyJ." + name + (operators.contains(name) ? ".operator" : "")
                + "\",\"refreshToken\":\"r\",\"expiresIn\":900}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
