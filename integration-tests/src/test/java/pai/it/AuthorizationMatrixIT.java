package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static pai.it.ApiWorld.PASSWORD;
import static pai.it.ApiWorld.WAIT;
import static pai.it.ApiWorld.campaign;
import static pai.it.ApiWorld.drop;
import static pai.it.ApiWorld.goal;
import static pai.it.ApiWorld.name;
import static pai.it.ApiWorld.text;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import pai.it.ApiWorld.Answer;
import pai.it.ApiWorld.Caller;
import pai.it.ApiWorld.Multipart;
import pai.platform.testing.LiveClient;

/**
 * Who may call what, over every operation the four services document in {@code /q/openapi} (an operation
 * without a rule here fails the test, so a new endpoint cannot be forgotten), each called by ten callers: no
 * token, an expired one, one signed by another key, {@code alg: none}, HS256 keyed with the public key (the four
 * forged ones claim the operator role), a signed-in user who is no member of the pai, a member, an admin, the
 * owner and an operator. Exactly the callers of the rule pass (any answer but 401, 403 and 5xx); the forged
 * tokens get 401 and the others 403 (or what {@link #REFUSED_AS} says), as problem+json. The live WebSocket
 * too: 4401 for the forged tokens, no frame of a pai for a non-member.
 */
class AuthorizationMatrixIT {
    @RegisterExtension
    static final ServiceInstances services = new ServiceInstances();
    private static ApiWorld world;

    private static final Set<Caller> ANYONE = EnumSet.allOf(Caller.class);
    private static final Set<Caller> USER = EnumSet.range(Caller.NON_MEMBER, Caller.OPERATOR);
    private static final Set<Caller> MEMBER = EnumSet.of(Caller.MEMBER, Caller.ADMIN, Caller.OWNER);
    private static final Set<Caller> ADMIN = EnumSet.of(Caller.ADMIN, Caller.OWNER);
    private static final Set<Caller> OWNER = EnumSet.of(Caller.OWNER);
    private static final Set<Caller> OPERATOR = EnumSet.of(Caller.OPERATOR);

    /** A call's body, built for the world it runs in: null for none. */
    private interface Body extends Function<ApiWorld, String> {
    }

    /**
     * Who may make one call. {@code fresh} builds a new pai or campaign for each caller who passes, for calls that
     * change what the next caller would find (a member removed, a campaign cancelled).
     */
    private record Rule(Set<Caller> allowed, Body body, Fresh fresh) {
    }

    private enum Fresh {
        NONE, PAI, CAMPAIGN
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();
    /**
     * Refusals that are not 403: who may not see an image learns nothing of it, not even that it exists, so its
     * URLs answer 404 and the remix a 400 naming the field, as for an image that is not there.
     */
    private static final Map<String, Integer> REFUSED_AS = Map.of("GET /api/chat/media/{mediaId}/urls", 404,
            "POST /api/agents/remix", 400);

    private static void rule(String operation, Set<Caller> allowed, Body body) {
        rule(operation, allowed, body, Fresh.NONE);
    }

    private static void rule(String operation, Set<Caller> allowed, Body body, Fresh fresh) {
        RULES.put(operation, new Rule(allowed, body, fresh));
    }

    static {
        // chat-service: accounts. Public, so a stale or forged token in the header must not get in their way.
        rule("POST /api/auth/signup", ANYONE, w -> "{\"name\":\"" + name("new") + "\",\"password\":\"" + PASSWORD + "\"}");
        rule("POST /api/auth/signin", ANYONE, w -> "{\"name\":\"" + w.accountName + "\",\"password\":\"" + PASSWORD + "\"}");
        rule("POST /api/auth/refresh", ANYONE, w -> "{\"refreshToken\":\"" + w.freshRefreshToken() + "\"}");
        rule("POST /api/auth/signout", ANYONE, w -> "{\"refreshToken\":\"" + w.freshRefreshToken() + "\"}");
        rule("GET /api/auth/me", USER, null);
        rule("PUT /api/auth/me", USER, w -> "{\"displayName\":\"Renamed\"}");
        // chat-service: pais, messages, media, sessions
        rule("POST /api/chat/pais", USER, w -> "{\"name\":\"Another pai\"}");
        rule("POST /api/chat/pais/join", USER, w -> "{\"inviteCode\":\"" + w.inviteCode + "\"}", Fresh.PAI);
        rule("GET /api/chat/pais", USER, null);
        rule("GET /api/chat/pais/{paiId}", MEMBER, null);
        rule("GET /api/chat/pais/{paiId}/members", MEMBER, null);
        rule("POST /api/chat/pais/{paiId}/leave", MEMBER, null, Fresh.PAI);
        rule("DELETE /api/chat/pais/{paiId}/members/{userId}", ADMIN, null, Fresh.PAI);
        rule("PUT /api/chat/pais/{paiId}/members/{userId}/role", OWNER, w -> "{\"role\":\"ADMIN\"}", Fresh.PAI);
        rule("POST /api/chat/pais/{paiId}/invite/rotate", OWNER, null, Fresh.PAI);
        rule("POST /api/chat/pais/{paiId}/read", MEMBER, w -> "{\"seq\":1}");
        rule("POST /api/chat/pais/{paiId}/messages", MEMBER, w -> text("hello"));
        rule("GET /api/chat/pais/{paiId}/messages", MEMBER, null);
        // the member's own message: its sender, an admin or the owner recalls it
        rule("POST /api/chat/pais/{paiId}/messages/{seq}/recall", MEMBER, null, Fresh.PAI);
        rule("POST /api/chat/media", USER, null);
        rule("GET /api/chat/media/{mediaId}/urls", MEMBER, null);
        rule("GET /api/chat/pais/{paiId}/media/{mediaId}", MEMBER, null);
        rule("GET /api/chat/media/{mediaId}", ANYONE, null);
        rule("GET /api/chat/media/{mediaId}/thumbnail", ANYONE, null);
        rule("POST /api/chat/pais/{paiId}/sessions", MEMBER,
                w -> "{\"kind\":\"LISTEN\",\"mediaUrl\":\"https://example.invalid/a.mp3\",\"title\":\"A song\"}", Fresh.PAI);
        rule("GET /api/chat/pais/{paiId}/sessions", MEMBER, null);
        // the owner started the session and controls it
        rule("POST /api/chat/pais/{paiId}/sessions/{sessionId}/control", OWNER, w -> "{\"action\":\"PAUSE\"}");
        // agent-service
        rule("GET /api/agents/catalog", USER, null);
        rule("GET /api/agents/pais/{paiId}/agents", MEMBER, null);
        rule("PUT /api/agents/pais/{paiId}/agents/{agentId}", ADMIN, w -> "{\"enabled\":true}");
        rule("POST /api/agents/pais/{paiId}/summary", MEMBER, w -> "{\"lastN\":20}");
        rule("POST /api/agents/pais/{paiId}/goals", MEMBER, w -> goal());
        rule("GET /api/agents/pais/{paiId}/goals", MEMBER, null);
        rule("GET /api/agents/goals/{goalId}", MEMBER, null);
        rule("POST /api/agents/goals/{goalId}/checkins", MEMBER, w -> "{\"note\":\"done\"}");
        rule("GET /api/agents/goals/{goalId}/board", MEMBER, null);
        // the image is the member's, shown in the pai: who may see it may remix it
        rule("POST /api/agents/remix", MEMBER, w -> "{\"mediaId\":\"" + w.mediaId + "\",\"style\":\"SKETCH\"}");
        // redpacket-service
        rule("POST /api/redpackets/campaigns", OPERATOR, w -> campaign());
        rule("GET /api/redpackets/campaigns", OPERATOR, null);
        rule("GET /api/redpackets/campaigns/{campaignId}", OPERATOR, null);
        rule("GET /api/redpackets/campaigns/{campaignId}/stats", OPERATOR, null);
        rule("POST /api/redpackets/campaigns/{campaignId}/pause", OPERATOR, null, Fresh.CAMPAIGN);
        rule("POST /api/redpackets/campaigns/{campaignId}/resume", OPERATOR, null, Fresh.CAMPAIGN);
        rule("POST /api/redpackets/campaigns/{campaignId}/cancel", OPERATOR, null, Fresh.CAMPAIGN);
        rule("GET /api/redpackets/campaigns/{campaignId}/reconciliation", OPERATOR, null);
        rule("POST /api/redpackets/campaigns/{campaignId}/drops", OPERATOR, w -> drop(10, 1_000));
        rule("GET /api/redpackets/campaigns/{campaignId}/drops", OPERATOR, null);
        rule("GET /api/redpackets/stats", OPERATOR, null);
        rule("POST /api/redpackets/drops/{dropId}/cancel", OPERATOR, null, Fresh.CAMPAIGN);
        rule("GET /api/redpackets/live", USER, null);
        rule("GET /api/redpackets/wallet", USER, null);
        rule("GET /api/redpackets/drops/{dropId}", USER, null);
        rule("POST /api/redpackets/drops/{dropId}/grab", USER, null);
        rule("POST /api/redpackets/pais/{paiId}/packets", MEMBER, w -> "{\"totalCents\":2,\"count\":1,\"split\":\"EVEN\"}");
        rule("POST /api/redpackets/packets/{packetId}/grab", MEMBER, null);
        rule("GET /api/redpackets/packets/{packetId}", MEMBER, null);
        // share-service
        rule("POST /api/shares", USER, w -> "{\"targetType\":\"CAMPAIGN\",\"targetId\":\"" + w.campaignId + "\",\"channel\":\"LINK\"}");
        rule("POST /api/shares/{code}/accept", USER, null);
        rule("GET /api/shares/mine", USER, null);
        rule("GET /api/shares/campaigns/{campaignId}/funnel", OPERATOR, null);
        rule("GET /s/{code}", ANYONE, null);
        rule("GET /s/{code}/preview.png", ANYONE, null);
    }

    @BeforeAll
    static void startServicesAndBuildTheWorld() {
        world = ApiWorld.build(ApiWorld.Services.start(services));
    }

    @Test
    void everyDocumentedOperationHasARule() {
        Set<String> documented = new TreeSet<>();
        for (ServiceProcess service : world.services().all()) {
            documented.addAll(ApiWorld.operationsOf(service));
        }
        assertThat(documented).as("operations of /q/openapi").containsExactlyInAnyOrderElementsOf(RULES.keySet());
    }

    @Test
    void exactlyTheAllowedCallersPassEveryOperation() {
        List<String> breaches = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
            String operation = entry.getKey();
            Rule rule = entry.getValue();
            for (Caller caller : refusedFirst(rule.allowed())) {
                boolean allowed = rule.allowed().contains(caller);
                ApiWorld where = allowed ? fresh(rule.fresh()) : world;
                Answer answer = call(where, operation, rule, caller);
                calls++;
                String breach = breachOf(answer, allowed, caller, REFUSED_AS.getOrDefault(operation, 403));
                if (breach != null) {
                    breaches.add(operation + " as " + caller + ": " + breach);
                }
            }
        }
        System.out.printf("authorization matrix: %d operations x %d callers, %d calls, %d breaches%n",
                RULES.size(), Caller.values().length, calls, breaches.size());
        assertThat(breaches).as("calls that passed or were refused against their rule").isEmpty();
    }

    @Test
    void theLiveSocketClosesForgedTokensWith4401AndShowsANonMemberNothingOfThePai() {
        URI ws = URI.create(world.services().chat().baseUrl().replaceFirst("^http", "ws") + "/api/chat/ws");
        for (Caller caller : EnumSet.range(Caller.EXPIRED, Caller.HS256_PUBLIC_KEY)) {
            try (LiveClient live = LiveClient.bySubprotocol(ws, world.token(caller))) {
                assertThat(live.awaitClose(WAIT)).as(caller.name()).isEqualTo(4401);
            }
        }
        try (LiveClient outsider = LiveClient.bySubprotocol(ws, world.token(Caller.NON_MEMBER));
                LiveClient member = LiveClient.bySubprotocol(ws, world.token(Caller.MEMBER))) {
            outsider.resume(world.paiId, 0);
            member.resume(world.paiId, 0);
            JsonNode refused = outsider.await(frame -> "error".equals(frame.path("type").asText()), WAIT);
            assertThat(refused.path("code").asText()).isEqualTo("NOT_A_MEMBER");
            long seq = world.say(Caller.OWNER, "only for members");
            member.await(frame -> "message".equals(frame.path("type").asText()) && frame.path("seq").asLong() == seq, WAIT);
            assertThat(outsider.seqs(world.paiId)).isEmpty();
        }
    }

    /** The callers refused first, so that an allowed call that changes the world cannot excuse a refusal. */
    private static List<Caller> refusedFirst(Set<Caller> allowed) {
        List<Caller> order = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            if (!allowed.contains(caller)) {
                order.add(caller);
            }
        }
        for (Caller caller : Caller.values()) {
            if (allowed.contains(caller)) {
                order.add(caller);
            }
        }
        return order;
    }

    private static ApiWorld fresh(Fresh fresh) {
        return switch (fresh) {
            case NONE -> world;
            case PAI -> world.withNewPai();
            case CAMPAIGN -> world.withNewCampaign();
        };
    }

    private static String breachOf(Answer answer, boolean allowed, Caller caller, int refusal) {
        if (answer.status() >= 500) {
            return "answered " + answer.status() + " " + answer.shown();
        }
        boolean refused = answer.status() == 401 || answer.status() == 403;
        if (allowed) {
            return refused ? "refused with " + answer.status() + " " + answer.shown() : null;
        }
        int expected = caller.forged() || caller == Caller.NO_TOKEN ? 401 : refusal;
        if (answer.status() != expected) {
            return "expected " + expected + " but got " + answer.status() + " " + answer.shown();
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "refused with " + answer.status() + " but as " + answer.contentType();
        }
        return null;
    }

    private static Answer call(ApiWorld where, String operation, Rule rule, Caller caller) {
        HttpRequest.Builder request = where.request(operation, caller);
        if (operation.equals("POST /api/chat/media")) {
            Multipart upload = Multipart.of("file", "photo.png", "image/png", ApiWorld.png());
            request.header("Content-Type", upload.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(upload.bytes()));
        } else if (rule.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(ApiWorld.methodOf(operation), HttpRequest.BodyPublishers.ofString(rule.body().apply(where)));
        } else {
            request.method(ApiWorld.methodOf(operation), HttpRequest.BodyPublishers.noBody());
        }
        return ApiWorld.send(request.build());
    }
}
