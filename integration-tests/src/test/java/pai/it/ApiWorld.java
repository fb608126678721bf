package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four services' whole API as the authorization matrix and the input fuzzing call it: who calls (ten kinds of
 * caller, four of them forged) and what the calls act on. The world is a pai with an owner, an admin, a member and
 * a second member (whom the admin may remove), a signed-in user of no pai, an operator; the member's message and
 * image in the pai, the owner's listening session, the member's goal, a campaign with a live drop, the owner's
 * lucky packet in the pai (paid from a grab of that drop) and the owner's share link to the campaign.
 */
final class ApiWorld {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1, as nginx speaks to the services behind the gateway
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    enum Caller {
        NO_TOKEN, EXPIRED, OTHER_KEY, ALG_NONE, HS256_PUBLIC_KEY, NON_MEMBER, MEMBER, ADMIN, OWNER, OPERATOR;

        boolean forged() {
            return compareTo(HS256_PUBLIC_KEY) <= 0;
        }
    }

    /** The four services, each found by the prefix of the paths it serves. */
    record Services(ServiceProcess chat, ServiceProcess agent, ServiceProcess redpacket, ServiceProcess share) {
        /** The four, started on {@code instances}, which stops them when the test class is done. */
        static Services start(ServiceInstances instances) {
            ServiceProcess chat = instances.start("chat-service");
            return new Services(chat, instances.start("agent-service", Map.of("pai.agent.chat.base-url", chat.baseUrl())),
                    instances.start("redpacket-service"), instances.start("share-service"));
        }

        List<ServiceProcess> all() {
            return List.of(chat, agent, redpacket, share);
        }

        ServiceProcess of(String path) {
            if (path.startsWith("/api/auth") || path.startsWith("/api/chat")) {
                return chat;
            }
            if (path.startsWith("/api/agents")) {
                return agent;
            }
            if (path.startsWith("/api/redpackets")) {
                return redpacket;
            }
            return share;
        }
    }

    private final Services services;

    final Map<Caller, String> users = new LinkedHashMap<>();
    String secondMember;
    String accountName;
    String paiId;
    String inviteCode;
    long memberSeq;
    String mediaId;
    String signedUrl;
    String signedThumbnailUrl;
    String sessionId;
    String goalId;
    String campaignId;
    String dropId;
    String packetId;
    String shareCode;

    private ApiWorld(Services services) {
        this.services = services;
    }

    Services services() {
        return services;
    }

    static ApiWorld build(Services services) {
        ApiWorld world = new ApiWorld(services);
        world.users.put(Caller.NON_MEMBER, name("outsider"));
        world.users.put(Caller.MEMBER, name("member"));
        world.users.put(Caller.ADMIN, name("admin"));
        world.users.put(Caller.OWNER, name("owner"));
        world.users.put(Caller.OPERATOR, name("operator"));
        world.accountName = name("account");
        expect(call(services.chat(), "POST", "/api/auth/signup", null,
                "{\"name\":\"" + world.accountName + "\",\"password\":\"" + PASSWORD + "\"}"), 201);
        world.createPai();
        world.memberSeq = world.say(Caller.MEMBER, "my own words");
        world.postImage();
        world.sessionId = expect(call(services.chat(), "POST", "/api/chat/pais/" + world.paiId + "/sessions", world.token(Caller.OWNER),
                "{\"kind\":\"LISTEN\",\"mediaUrl\":\"https://example.invalid/a.mp3\",\"title\":\"A song\"}"), 201)
                .path("sessionId").asText();
        // agent-service and redpacket-service learn the pai's members from pai.chat.members
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> call(services.agent(), "PUT",
                "/api/agents/pais/" + world.paiId + "/agents/summarizer", world.token(Caller.ADMIN), "{\"enabled\":true}")
                .status() == 200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> call(services.agent(), "POST",
                "/api/agents/pais/" + world.paiId + "/goals", world.token(Caller.MEMBER), goal()).status() == 201);
        world.goalId = expect(call(services.agent(), "GET", "/api/agents/pais/" + world.paiId + "/goals", world.token(Caller.MEMBER), null),
                200).path("items").path(0).path("id").asText();
        world.openCampaign();
        world.sendLuckyPacket();
        world.shareCode = expect(call(services.share(), "POST", "/api/shares", world.token(Caller.OWNER),
                "{\"targetType\":\"CAMPAIGN\",\"targetId\":\"" + world.campaignId + "\",\"channel\":\"WECHAT\"}"), 201)
                .path("code").asText();
        return world;
    }

    private ApiWorld copy() {
        ApiWorld copy = new ApiWorld(services);
        copy.users.putAll(users);
        copy.secondMember = secondMember;
        copy.accountName = accountName;
        copy.paiId = paiId;
        copy.inviteCode = inviteCode;
        copy.memberSeq = memberSeq;
        copy.mediaId = mediaId;
        copy.signedUrl = signedUrl;
        copy.signedThumbnailUrl = signedThumbnailUrl;
        copy.sessionId = sessionId;
        copy.goalId = goalId;
        copy.campaignId = campaignId;
        copy.dropId = dropId;
        copy.packetId = packetId;
        copy.shareCode = shareCode;
        return copy;
    }

    /** The same people in a pai of their own, with the member's message in it. */
    ApiWorld withNewPai() {
        ApiWorld copy = copy();
        copy.createPai();
        copy.memberSeq = copy.say(Caller.MEMBER, "mine to recall");
        return copy;
    }

    ApiWorld withNewCampaign() {
        ApiWorld copy = copy();
        copy.openCampaign();
        return copy;
    }

    private void createPai() {
        JsonNode pai = expect(call(services.chat(), "POST", "/api/chat/pais", token(Caller.OWNER), "{\"name\":\"Matrix\"}"), 201);
        paiId = pai.path("id").asText();
        inviteCode = pai.path("inviteCode").asText();
        secondMember = name("second");
        for (String user : List.of(users.get(Caller.MEMBER), users.get(Caller.ADMIN), secondMember)) {
            expect(call(services.chat(), "POST", "/api/chat/pais/join", ItEnvironment.bearer(user).substring(7),
                    "{\"inviteCode\":\"" + inviteCode + "\"}"), 200);
        }
        expect(call(services.chat(), "PUT", "/api/chat/pais/" + paiId + "/members/" + users.get(Caller.ADMIN) + "/role",
                token(Caller.OWNER), "{\"role\":\"ADMIN\"}"), 200);
    }

    private void postImage() {
        Multipart upload = Multipart.of("file", "photo.png", "image/png", png());
        Answer uploaded = send(HttpRequest.newBuilder(URI.create(services.chat().baseUrl() + "/api/chat/media"))
                .header("Authorization", "Bearer " + token(Caller.MEMBER)).header("Content-Type", upload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.bytes())).build());
        JsonNode media = expect(uploaded, 201);
        mediaId = media.path("mediaId").asText();
        signedUrl = media.path("url").asText();
        signedThumbnailUrl = media.path("thumbnailUrl").asText();
        expect(call(services.chat(), "POST", "/api/chat/pais/" + paiId + "/messages", token(Caller.MEMBER),
                "{\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"kind\":\"IMAGE\",\"mediaId\":\"" + mediaId + "\"}"), 201);
    }

    private void openCampaign() {
        String operator = token(Caller.OPERATOR);
        campaignId = expect(call(services.redpacket(), "POST", "/api/redpackets/campaigns", operator, campaign()), 201).path("id").asText();
        dropId = expect(call(services.redpacket(), "POST", "/api/redpackets/campaigns/" + campaignId + "/drops", operator,
                drop(100, 100_000)), 201).path("id").asText();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> "ACTIVE".equals(
                call(services.redpacket(), "GET", "/api/redpackets/drops/" + dropId, operator, null).json().path("status").asText()));
    }

    /** The owner grabs the drop, and once the ledger holds the win, sends some of it into the pai. */
    private void sendLuckyPacket() {
        String owner = token(Caller.OWNER);
        expect(call(services.redpacket(), "POST", "/api/redpackets/drops/" + dropId + "/grab", owner, null), 200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> call(services.redpacket(), "GET",
                "/api/redpackets/wallet", owner, null).json().path("balanceCents").asLong() >= 10);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            Answer sent = call(services.redpacket(), "POST", "/api/redpackets/pais/" + paiId + "/packets", owner,
                    "{\"totalCents\":10,\"count\":5,\"split\":\"RANDOM\"}");
            if (sent.status() == 201) {
                packetId = sent.json().path("id").asText();
            }
            return sent.status() == 201;
        });
    }

    long say(Caller caller, String text) {
        return expect(call(services.chat(), "POST", "/api/chat/pais/" + paiId + "/messages", token(caller), text(text)), 201)
                .path("seq").asLong();
    }

    /** A refresh token no call has shown yet: the account signs in once more. */
    String freshRefreshToken() {
        return expect(call(services.chat(), "POST", "/api/auth/signin", null,
                "{\"name\":\"" + accountName + "\",\"password\":\"" + PASSWORD + "\"}"), 200).path("refreshToken").asText();
    }

    /** The caller's token, without "Bearer "; null for no token. The forged ones claim to be the owner. */
    String token(Caller caller) {
        String owner = users.get(Caller.OWNER);
        return switch (caller) {
            case NO_TOKEN -> null;
            case EXPIRED -> ForgedTokens.expired(owner);
            case OTHER_KEY -> ForgedTokens.signedByAnotherKey(owner);
            case ALG_NONE -> ForgedTokens.algNone(owner);
            case HS256_PUBLIC_KEY -> ForgedTokens.hs256WithThePublicKey(owner);
            case OPERATOR -> ItEnvironment.operatorBearer(users.get(caller)).substring(7);
            default -> ItEnvironment.bearer(users.get(caller)).substring(7);
        };
    }

    /**
     * A request for {@code operation} ({@code "POST /api/chat/pais/{paiId}/messages"}) as {@code caller}, its path
     * parameters filled from this world; the caller adds the method and body.
     */
    HttpRequest.Builder request(String operation, Caller caller) {
        String path = operation.substring(operation.indexOf(' ') + 1);
        String target;
        if (path.equals("/api/chat/media/{mediaId}")) {
            target = signedUrl;
        } else if (path.equals("/api/chat/media/{mediaId}/thumbnail")) {
            target = signedThumbnailUrl;
        } else {
            Matcher parameter = PATH_PARAMETER.matcher(path);
            StringBuilder concrete = new StringBuilder();
            while (parameter.find()) {
                parameter.appendReplacement(concrete, Matcher.quoteReplacement(parameter(parameter.group(1))));
            }
            target = parameter.appendTail(concrete).toString();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.of(path).baseUrl() + target))
                .timeout(Duration.ofSeconds(30));
        String token = token(caller);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    static String methodOf(String operation) {
        return operation.substring(0, operation.indexOf(' '));
    }

    /** The value of a path parameter, by its name in the OpenAPI document. */
    String parameter(String name) {
        return switch (name) {
            case "paiId" -> paiId;
            case "userId" -> secondMember;
            case "seq" -> Long.toString(memberSeq);
            case "mediaId" -> mediaId;
            case "sessionId" -> sessionId;
            case "agentId" -> "summarizer";
            case "goalId" -> goalId;
            case "campaignId" -> campaignId;
            case "dropId" -> dropId;
            case "packetId" -> packetId;
            case "code" -> shareCode;
            default -> throw new IllegalArgumentException("no value for path parameter " + name);
        };
    }

    static Set<String> operationsOf(ServiceProcess service) {
        Answer document = send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/openapi?format=json")).build());
        assertThat(document.status()).isEqualTo(200);
        Set<String> operations = new TreeSet<>();
        document.json().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (HTTP_METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    record Answer(int status, String contentType, String text) {
        /** The body as a message shows it: its first 300 characters. */
        String shown() {
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }

        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body() == null ? "" : response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer call(ServiceProcess service, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static JsonNode expect(Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + " but got " + answer.status() + ": " + answer.shown());
        }
        return answer.json();
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String text(String text) {
        return "{\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"kind\":\"TEXT\",\"text\":\"" + text + "\"}";
    }

    static String goal() {
        return "{\"kind\":\"READING\",\"title\":\"每天读书\",\"cadence\":\"DAILY\",\"timezone\":\"Asia/Shanghai\"}";
    }

    static String campaign() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"name":"Matrix","budgetCents":1000000,"startsAt":"%s","endsAt":"%s","maxGrabsPerUser":5,
                 "shareBonusGrabs":1,"maxBonusGrabsPerUser":2}""".formatted(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
    }

    static String drop(int packets, long amountCents) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"packetCount":%d,"amountCents":%d,"split":"RANDOM","startsAt":"%s","endsAt":"%s"}"""
                .formatted(packets, amountCents, now.minusSeconds(5), now.plus(1, ChronoUnit.HOURS));
    }

    static byte[] png() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One multipart/form-data body with one file. */
    record Multipart(String contentType, byte[] bytes) {
        static Multipart of(String field, String fileName, String type, byte[] content) {
            String boundary = "pai-" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            out.writeBytes(head);
            out.writeBytes(content);
            out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }
    }
}
