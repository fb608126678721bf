package pai.redpacket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static pai.platform.testing.TestUsers.as;
import static pai.platform.testing.TestUsers.newUser;
import static pai.redpacket.RedpacketApi.awaitStatus;
import static pai.redpacket.RedpacketApi.createCampaign;
import static pai.redpacket.RedpacketApi.createOpenDrop;
import static pai.redpacket.RedpacketApi.operator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TestTokens;
import pai.redpacket.domain.Wallets;
import pai.redpacket.service.pool.RedisKeys;

/**
 * Every endpoint of redpacket-service against bad input (docs/contract.md: a 4xx problem+json naming the
 * field and its code, never a 500, never a partial write), wrong roles and other people's
 * resources. Each case compares the rows and Redis keys it could touch before and after.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class BadInputTest {
    private static final String API = "/api/redpackets";
    /** A field left out of the body. */
    private static final String ABSENT = "<absent>";
    /** Placeholders in raw JSON values, replaced by instants when the request is made. */
    private static final String START = "%START%";
    private static final String PAST = "%PAST%";
    private static final String BEFORE_CAMPAIGN = "%BEFORE_CAMPAIGN%";

    @Inject
    EntityManager entityManager;
    @Inject
    RedisDataSource redis;
    @Inject
    Wallets wallets;

    /** Made once: a campaign with an open drop, and a pai whose funded member sent a lucky packet. */
    private static Fixture fixture;

    private record Fixture(String campaignId, String dropId, String paiId, String member, String packetId,
            String stranger) {
    }

    private Fixture fixture() {
        if (fixture == null) {
            String campaignId = createCampaign(1_000_000, 1);
            String dropId = createOpenDrop(campaignId, 10, 1_000);
            awaitStatus(dropId, "ACTIVE");
            String paiId = UUID.randomUUID().toString();
            String member = newUser("member");
            // Topped up directly: waiting for a grab to cross Kafka is GroupPacketTest's business, not this one's.
            QuarkusTransaction.requiringNew().run(() -> wallets.credit(member, 100_000, "TOP_UP", UUID.randomUUID().toString()));
            RedpacketApi.joinPai(paiId, member);
            String packetId = as(member).body("{\"totalCents\":400,\"count\":4,\"split\":\"RANDOM\"}")
                    .post(API + "/pais/" + paiId + "/packets").then().statusCode(201).extract().path("id");
            as(member).get(API + "/packets/" + packetId).then().statusCode(200)
                    .body("packet.status", equalTo("ACTIVE"));
            fixture = new Fixture(campaignId, dropId, paiId, member, packetId, newUser("stranger"));
        }
        return fixture;
    }

    // ---- bodies ------------------------------------------------------------------------------

    static Stream<Arguments> badCampaigns() {
        return Stream.of(
                bad("name", ABSENT, "INVALID_FIELD"),
                bad("name", "\"   \"", "INVALID_FIELD"),
                bad("name", "\"" + "x".repeat(101) + "\"", "INVALID_FIELD"),
                bad("name", "\"red\\u0000packet\"", "INVALID_FIELD"),
                bad("name", "\"two\\nlines\"", "INVALID_FIELD"),
                bad("name", "5", "INVALID_JSON"),
                bad("name", "{}", "INVALID_JSON"),
                bad("budgetCents", "-1", "INVALID_FIELD"),
                bad("budgetCents", "1e30", "INVALID_JSON"),
                bad("budgetCents", "9223372036854775808", "INVALID_JSON"),
                bad("budgetCents", "true", "INVALID_JSON"),
                bad("budgetCents", "[1000]", "INVALID_JSON"),
                bad("budgetCents", "null", "INVALID_FIELD"),
                bad("startsAt", ABSENT, "INVALID_FIELD"),
                bad("startsAt", "1700000000", "INVALID_JSON"),
                bad("startsAt", "\"\"", "INVALID_JSON"),
                bad("startsAt", "\"2026-02-30T00:00:00Z\"", "INVALID_JSON"),
                bad("startsAt", "\"2026-02-01 12:00\"", "INVALID_JSON"),
                bad("startsAt", "\"-1000000000-01-01T00:00:00Z\"", "INVALID_JSON"),
                bad("endsAt", ABSENT, "INVALID_FIELD"),
                bad("endsAt", START, "INVALID_FIELD"),
                bad("endsAt", PAST, "INVALID_FIELD"),
                bad("endsAt", "\"+300000-01-01T00:00:00Z\"", "INVALID_JSON"),
                bad("endsAt", "\"+1000000000-12-31T23:59:59.999999999Z\"", "INVALID_JSON"),
                bad("timezone", "\"+08:00\"", "INVALID_FIELD"),
                bad("timezone", "\"Z\"", "INVALID_FIELD"),
                bad("timezone", "\"\"", "INVALID_FIELD"),
                bad("timezone", "\"" + "A".repeat(65) + "\"", "INVALID_FIELD"),
                bad("timezone", "8", "INVALID_JSON"),
                bad("maxGrabsPerUser", ABSENT, "INVALID_FIELD"),
                bad("maxGrabsPerUser", "-1", "INVALID_FIELD"),
                bad("maxGrabsPerUser", "1001", "INVALID_FIELD"),
                bad("maxGrabsPerUser", "2147483648", "INVALID_JSON"),
                bad("maxGrabsPerUser", "1.5", "INVALID_JSON"),
                bad("maxGrabsPerUser", "\"1\"", "INVALID_JSON"),
                bad("shareBonusGrabs", ABSENT, "INVALID_FIELD"),
                bad("shareBonusGrabs", "-1", "INVALID_FIELD"),
                bad("shareBonusGrabs", "1001", "INVALID_FIELD"),
                bad("shareBonusGrabs", "1e30", "INVALID_JSON"),
                bad("maxBonusGrabsPerUser", ABSENT, "INVALID_FIELD"),
                bad("maxBonusGrabsPerUser", "-1", "INVALID_FIELD"),
                bad("maxBonusGrabsPerUser", "9223372036854775808", "INVALID_JSON"),
                bad("dailyShareRewardCap", "-1", "INVALID_FIELD"),
                bad("dailyShareRewardCap", "1001", "INVALID_FIELD"),
                bad("dailyShareRewardCap", "2.5", "INVALID_JSON"),
                bad("status", "\"ACTIVE\"", "INVALID_JSON"),
                bad("reservedCents", "0", "INVALID_JSON"));
    }

    @ParameterizedTest(name = "campaign {0}={1}")
    @MethodSource("badCampaigns")
    void aBadCampaignIs400NamingTheFieldAndWritesNothing(String field, String value, String code) {
        Fixture f = fixture();
        String ops = newUser("ops");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", "\"春节红包雨\"");
        body.put("budgetCents", "1000");
        body.put("startsAt", quoted(now.minus(1, ChronoUnit.HOURS)));
        body.put("endsAt", quoted(now.plus(1, ChronoUnit.DAYS)));
        body.put("timezone", "\"Asia/Shanghai\"");
        body.put("maxGrabsPerUser", "1");
        body.put("shareBonusGrabs", "1");
        body.put("maxBonusGrabsPerUser", "3");
        String json = json(body, field, value, now.minus(1, ChronoUnit.HOURS), now);

        Map<String, Object> before = world(f, ops);
        refused(operator(ops).header("Idempotency-Key", UUID.randomUUID().toString()).body(json)
                .post(API + "/campaigns"), 400, code, field);
        assertThat(world(f, ops)).isEqualTo(before);
    }

    static Stream<Arguments> badDrops() {
        return Stream.of(
                bad("packetCount", ABSENT, "INVALID_FIELD"),
                bad("packetCount", "-1", "INVALID_FIELD"),
                bad("packetCount", "2147483648", "INVALID_JSON"),
                bad("packetCount", "\"10\"", "INVALID_JSON"),
                bad("packetCount", "1e30", "INVALID_JSON"),
                bad("packetCount", "null", "INVALID_FIELD"),
                bad("amountCents", ABSENT, "INVALID_FIELD"),
                bad("amountCents", "0", "INVALID_FIELD"),
                bad("amountCents", "-1", "INVALID_FIELD"),
                bad("amountCents", "100000000001", "INVALID_FIELD"),
                bad("amountCents", "9223372036854775808", "INVALID_JSON"),
                bad("amountCents", "1e30", "INVALID_JSON"),
                bad("amountCents", "\"1000\"", "INVALID_JSON"),
                bad("amountCents", "1.5", "INVALID_JSON"),
                bad("split", ABSENT, "INVALID_FIELD"),
                bad("split", "\"even\"", "INVALID_JSON"),
                bad("split", "\"\"", "INVALID_JSON"),
                bad("split", "0", "INVALID_JSON"),
                bad("split", "null", "INVALID_FIELD"),
                bad("split", "[\"EVEN\"]", "INVALID_JSON"),
                bad("startsAt", ABSENT, "INVALID_FIELD"),
                bad("startsAt", "1700000000", "INVALID_JSON"),
                bad("startsAt", "\"soon\"", "INVALID_JSON"),
                bad("startsAt", BEFORE_CAMPAIGN, "INVALID_FIELD"),
                bad("endsAt", ABSENT, "INVALID_FIELD"),
                bad("endsAt", START, "INVALID_FIELD"),
                bad("endsAt", PAST, "INVALID_FIELD"),
                bad("endsAt", "\"9999-12-31T23:59:59Z\"", "INVALID_FIELD"),
                bad("campaignId", "\"someone-elses\"", "INVALID_JSON"),
                bad("status", "\"ACTIVE\"", "INVALID_JSON"));
    }

    @ParameterizedTest(name = "drop {0}={1}")
    @MethodSource("badDrops")
    void aBadDropIs400NamingTheFieldAndReservesNothing(String field, String value, String code) {
        Fixture f = fixture();
        String ops = newUser("ops");
        Instant now = Instant.now();
        String json = json(dropBody(now), field, value, now, campaignStart(f));

        Map<String, Object> before = world(f, ops);
        refused(operator(ops).header("Idempotency-Key", UUID.randomUUID().toString()).body(json)
                .post(API + "/campaigns/" + f.campaignId() + "/drops"), 400, code, field);
        assertThat(world(f, ops)).isEqualTo(before);
    }

    static Stream<Arguments> badPackets() {
        return Stream.of(
                bad("totalCents", ABSENT, "INVALID_FIELD"),
                bad("totalCents", "-1", "INVALID_FIELD"),
                bad("totalCents", "1e30", "INVALID_JSON"),
                bad("totalCents", "9223372036854775808", "INVALID_JSON"),
                bad("totalCents", "true", "INVALID_JSON"),
                bad("totalCents", "null", "INVALID_FIELD"),
                bad("count", ABSENT, "INVALID_FIELD"),
                bad("count", "-1", "INVALID_FIELD"),
                bad("count", "2147483648", "INVALID_JSON"),
                bad("count", "\"2\"", "INVALID_JSON"),
                bad("count", "2.0", "INVALID_JSON"),
                bad("split", ABSENT, "INVALID_FIELD"),
                bad("split", "\"random\"", "INVALID_JSON"),
                bad("split", "1", "INVALID_JSON"),
                bad("split", "{}", "INVALID_JSON"),
                bad("greeting", "\"恭喜\\u0000发财\"", "INVALID_FIELD"),
                bad("greeting", "\"恭喜\\n发财\"", "INVALID_FIELD"),
                bad("greeting", "5", "INVALID_JSON"),
                bad("paiId", "\"another-pai\"", "INVALID_JSON"),
                bad("senderId", "\"someone-else\"", "INVALID_JSON"));
    }

    @ParameterizedTest(name = "packet {0}={1}")
    @MethodSource("badPackets")
    void aBadLuckyPacketIs400NamingTheFieldAndDebitsNothing(String field, String value, String code) {
        Fixture f = fixture();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("totalCents", "100");
        body.put("count", "2");
        body.put("split", "\"RANDOM\"");
        body.put("greeting", "\"恭喜发财\"");
        String json = json(body, field, value, Instant.now(), Instant.now());

        Map<String, Object> before = world(f, f.member());
        refused(as(f.member()).header("Idempotency-Key", UUID.randomUUID().toString()).body(json)
                .post(API + "/pais/" + f.paiId() + "/packets"), 400, code, field);
        assertThat(world(f, f.member())).isEqualTo(before);
    }

    /** Bodies that are not the object asked for; {@code field} is null where there is no field to name. */
    static Stream<Arguments> notObjects() {
        List<Arguments> cases = new ArrayList<>();
        for (String endpoint : List.of("POST /campaigns", "POST /campaigns/{campaign}/drops", "POST /pais/{pai}/packets")) {
            cases.add(Arguments.of(endpoint, "", "INVALID_FIELD", "request"));
            cases.add(Arguments.of(endpoint, "null", "INVALID_FIELD", "request"));
            cases.add(Arguments.of(endpoint, "[]", "INVALID_JSON", null));
            cases.add(Arguments.of(endpoint, "\"x\"", "INVALID_JSON", null));
            cases.add(Arguments.of(endpoint, "{", "MALFORMED_JSON", null));
            cases.add(Arguments.of(endpoint, "{} {}", "INVALID_JSON", null));
        }
        cases.add(Arguments.of("POST /campaigns", "{}", "INVALID_FIELD", "budgetCents"));
        cases.add(Arguments.of("POST /campaigns/{campaign}/drops", "{}", "INVALID_FIELD", "amountCents"));
        cases.add(Arguments.of("POST /pais/{pai}/packets", "{}", "INVALID_FIELD", "count"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with body [{1}]")
    @MethodSource("notObjects")
    void aBodyThatIsNotTheObjectIs400AndWritesNothing(String endpoint, String body, String code, String field) {
        Fixture f = fixture();
        String actor = f.member();
        Map<String, Object> before = world(f, actor);
        refused(request(endpoint, f, operator(actor).header("Idempotency-Key", UUID.randomUUID().toString()), body),
                400, code, field);
        assertThat(world(f, actor)).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Fixture f = fixture();
        Map<String, Object> before = world(f, f.member());
        refused(as(f.member()).contentType("text/plain").body("totalCents=100")
                .post(API + "/pais/" + f.paiId() + "/packets"), 415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertThat(world(f, f.member())).isEqualTo(before);
    }

    // ---- query parameters --------------------------------------------------------------------

    static Stream<Arguments> badQueries() {
        List<Arguments> cases = new ArrayList<>();
        for (String list : List.of("GET /campaigns", "GET /campaigns/{campaign}/drops", "GET /wallet")) {
            for (String limit : List.of("abc", "1.5", "0", "-1", "201", "99999999999", "9223372036854775808", "1e3")) {
                cases.add(Arguments.of(list, "limit", limit));
            }
        }
        for (String list : List.of("GET /campaigns", "GET /campaigns/{campaign}/drops")) {
            for (String before : List.of("yesterday", "1700000000", "2026-13-01T00:00:00Z", "2026-02-01",
                    "-1000000000-01-01T00:00:00Z", "%2B10000-01-01T00:00:00Z")) {
                cases.add(Arguments.of(list, "before", before));
            }
        }
        for (String beforeId : List.of("0", "-5", "abc", "1.5", "9223372036854775808")) {
            cases.add(Arguments.of("GET /wallet", "beforeId", beforeId));
        }
        for (String stats : List.of("GET /stats", "GET /campaigns/{campaign}/stats")) {
            for (String window : List.of("abc", "1.5", "0", "-1", "61", "9223372036854775808")) {
                cases.add(Arguments.of(stats, "windowSeconds", window));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @MethodSource("badQueries")
    void aBadQueryParameterIs400NamingIt(String endpoint, String parameter, String value) {
        Fixture f = fixture();
        RequestSpecification request = operator(f.member()).urlEncodingEnabled(false);
        refused(request(endpoint + "?" + parameter + "=" + value, f, request, null), 400, "INVALID_FIELD", parameter);
    }

    @Test
    void anEmptyQueryParameterMeansItsDefault() {
        Fixture f = fixture();
        operator().get(API + "/campaigns?limit=&before=").then().statusCode(200).body("items", notNullValue());
        as(f.member()).get(API + "/wallet?limit=&beforeId=").then().statusCode(200)
                .body("balanceCents", notNullValue());
    }

    // ---- ids -----------------------------------------------------------------------------------

    static Stream<Arguments> unknownIds() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("GET /campaigns/{id}", "CAMPAIGN_NOT_FOUND");
        endpoints.put("POST /campaigns/{id}/pause", "CAMPAIGN_NOT_FOUND");
        endpoints.put("POST /campaigns/{id}/resume", "CAMPAIGN_NOT_FOUND");
        endpoints.put("POST /campaigns/{id}/cancel", "CAMPAIGN_NOT_FOUND");
        endpoints.put("GET /campaigns/{id}/reconciliation", "CAMPAIGN_NOT_FOUND");
        endpoints.put("GET /campaigns/{id}/stats", "CAMPAIGN_NOT_FOUND");
        endpoints.put("POST /campaigns/{id}/drops", "CAMPAIGN_NOT_FOUND");
        endpoints.put("GET /campaigns/{id}/drops", "CAMPAIGN_NOT_FOUND");
        endpoints.put("POST /drops/{id}/grab", "DROP_NOT_FOUND");
        endpoints.put("GET /drops/{id}", "DROP_NOT_FOUND");
        endpoints.put("POST /drops/{id}/cancel", "DROP_NOT_FOUND");
        endpoints.put("POST /packets/{id}/grab", "PACKET_NOT_FOUND");
        endpoints.put("GET /packets/{id}", "PACKET_NOT_FOUND");
        // This service knows a pai only by its members: nobody is a member of an unknown one.
        endpoints.put("POST /pais/{id}/packets", "NOT_A_MEMBER");
        List<String> ids = List.of("nope", UUID.randomUUID().toString(), "x".repeat(300), "%E7%BA%A2%E5%8C%85",
                "a%00b", "%27%3B%20drop%20table%20campaign%3B%20--", "%20");
        endpoints.forEach((endpoint, code) -> ids.forEach(id -> cases.add(Arguments.of(endpoint, id, code))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with id {1}")
    @MethodSource("unknownIds")
    void anUnknownOrMalformedIdIsItsNotFoundAndWritesNothing(String endpoint, String id, String code) {
        Fixture f = fixture();
        String ops = newUser("ops");
        Map<String, Object> before = world(f, ops);
        String body = endpoint.endsWith("/drops") ? dropJson(Instant.now())
                : "{\"totalCents\":100,\"count\":2,\"split\":\"EVEN\"}";
        Response response = request(endpoint.replace("{id}", id), f, operator(ops).urlEncodingEnabled(false), body);
        refused(response, code.equals("NOT_A_MEMBER") ? 403 : 404, code, null);
        assertThat(world(f, ops)).isEqualTo(before);
        assertThat(redis.key().keys("rp:{drop:" + id + "}*")).isEmpty();
    }

    // ---- who may do what -----------------------------------------------------------------------

    static Stream<String> operatorEndpoints() {
        return Stream.of("POST /campaigns", "GET /campaigns", "GET /campaigns/{campaign}",
                "POST /campaigns/{campaign}/pause", "POST /campaigns/{campaign}/resume",
                "POST /campaigns/{campaign}/cancel", "GET /campaigns/{campaign}/reconciliation",
                "POST /campaigns/{campaign}/drops", "GET /campaigns/{campaign}/drops", "POST /drops/{drop}/cancel",
                "GET /stats", "GET /campaigns/{campaign}/stats");
    }

    @ParameterizedTest(name = "user: {0}")
    @MethodSource("operatorEndpoints")
    void aUserIsForbiddenEveryOperatorEndpointAndChangesNothing(String endpoint) {
        Fixture f = fixture();
        String user = newUser("user");
        Map<String, Object> before = world(f, user);
        refused(request(endpoint, f, as(user), validBody(endpoint, f)), 403, "FORBIDDEN", null);
        assertThat(world(f, user)).isEqualTo(before);
    }

    static Stream<String> everyEndpoint() {
        return Stream.concat(operatorEndpoints(), Stream.of("GET /live", "GET /wallet", "POST /drops/{drop}/grab",
                "GET /drops/{drop}", "POST /pais/{pai}/packets", "POST /packets/{packet}/grab", "GET /packets/{packet}"));
    }

    @ParameterizedTest(name = "no token: {0}")
    @MethodSource("everyEndpoint")
    void withoutAValidTokenEveryEndpointIs401(String endpoint) {
        Fixture f = fixture();
        Map<String, Object> before = world(f, f.member());
        String body = validBody(endpoint, f);
        refused(request(endpoint, f, given().contentType("application/json"), body), 401, "UNAUTHORIZED", null);
        refused(request(endpoint, f, given().header("Authorization", "Bearer not.a.token").contentType("application/json"),
                body), 401, "UNAUTHORIZED", null);
        refused(request(endpoint, f, given().header("Authorization", "Basic " + TestTokens.user(f.member()))
                .contentType("application/json"), body), 401, "UNAUTHORIZED", null);
        assertThat(world(f, f.member())).isEqualTo(before);
    }

    // ---- other people's things -----------------------------------------------------------------

    @Test
    void aStrangerCannotGrabReadOrSendIntoAPaiAndLeavesNoTrace() {
        Fixture f = fixture();
        Map<String, Object> before = world(f, f.stranger());
        refused(as(f.stranger()).post(API + "/packets/" + f.packetId() + "/grab"), 403, "NOT_A_MEMBER", null);
        refused(as(f.stranger()).post(API + "/packets/" + f.packetId() + "/grab"), 403, "NOT_A_MEMBER", null);
        as(f.stranger()).get(API + "/packets/" + f.packetId()).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("NOT_A_MEMBER"))
                .body("items", nullValue()).body("packet", nullValue());
        refused(as(f.stranger()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"totalCents\":1,\"count\":1,\"split\":\"EVEN\"}")
                .post(API + "/pais/" + f.paiId() + "/packets"), 403, "NOT_A_MEMBER", null);
        assertThat(world(f, f.stranger())).isEqualTo(before);
        assertThat(redis.hash(String.class).hget(RedisKeys.claims(f.packetId()), f.stranger())).isNull();
        assertThat(redis.hash(String.class).hget(RedisKeys.campaignGrabs(f.packetId()), f.stranger())).isNull();
        assertThat(redis.key().keys("rp:attempts:" + f.stranger() + ":*")).isEmpty();
    }

    @Test
    void anotherUsersIdempotencyKeyNeverReplaysTheirAnswer() {
        String key = UUID.randomUUID().toString();
        String mine = operator(newUser("ops")).header("Idempotency-Key", key).body(RedpacketApi.campaignJson(1_000, 1))
                .post(API + "/campaigns").then().statusCode(201).extract().path("id");
        String theirs = operator(newUser("ops")).header("Idempotency-Key", key)
                .body(RedpacketApi.campaignJson(2_000, 1)).post(API + "/campaigns").then().statusCode(201)
                .header("Idempotent-Replayed", "false").body("budgetCents", equalTo(2_000)).extract().path("id");
        assertThat(theirs).isNotEqualTo(mine);
    }

    @Test
    void anotherUsersWalletAndGrabsStayHidden() {
        Fixture f = fixture();
        long newest = ((Number) as(f.member()).get(API + "/wallet").then().statusCode(200)
                .extract().path("entries[0].id")).longValue();
        as(f.stranger()).get(API + "/wallet?beforeId=" + (newest + 1)).then().statusCode(200)
                .body("balanceCents", equalTo(0)).body("entries", emptyIterable());
        String dropId = createOpenDrop(createCampaign(1_000, 1), 2, 200);
        awaitStatus(dropId, "ACTIVE");
        String grabber = newUser("grabber");
        String grabId = as(grabber).post(API + "/drops/" + dropId + "/grab").then().statusCode(200).extract().path("grabId");
        as(grabber).get(API + "/drops/" + dropId).then().statusCode(200).body("myGrab.grabId", equalTo(grabId));
        as(f.stranger()).get(API + "/drops/" + dropId).then().statusCode(200).body("myGrab", nullValue());
    }

    // ---- Idempotency-Key -----------------------------------------------------------------------

    static Stream<String> idempotentEndpoints() {
        return Stream.of("POST /campaigns", "POST /campaigns/{campaign}/drops", "POST /pais/{pai}/packets");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idempotentEndpoints")
    void aTooLongIdempotencyKeyIs400NamingTheHeader(String endpoint) {
        Fixture f = fixture();
        Map<String, Object> before = world(f, f.member());
        refused(request(endpoint, f, operator(f.member()).header("Idempotency-Key", "k".repeat(101)),
                validBody(endpoint, f)), 400, "INVALID_FIELD", "Idempotency-Key");
        assertThat(world(f, f.member())).isEqualTo(before);
    }

    @Test
    void aKeyUsedForAnotherOperationIs422AndReservesNothing() {
        Fixture f = fixture();
        String ops = newUser("ops");
        String key = UUID.randomUUID().toString();
        operator(ops).header("Idempotency-Key", key).body(RedpacketApi.campaignJson(1_000, 1))
                .post(API + "/campaigns").then().statusCode(201);
        Map<String, Object> before = world(f, ops);
        refused(operator(ops).header("Idempotency-Key", key).body(dropJson(Instant.now()))
                .post(API + "/campaigns/" + f.campaignId() + "/drops"), 422, "IDEMPOTENCY_KEY_REUSED", null);
        assertThat(world(f, ops)).isEqualTo(before);
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsIdempotencyKey() {
        String campaignId = createCampaign(1_000, 1);
        String ops = newUser("ops");
        String key = UUID.randomUUID().toString();
        String path = API + "/campaigns/" + campaignId + "/drops";
        Instant now = Instant.now();
        refused(operator(ops).header("Idempotency-Key", key)
                .body(RedpacketApi.dropJson(1, 1_001, "EVEN", now, now.plus(1, ChronoUnit.HOURS))).post(path),
                409, "INSUFFICIENT_BUDGET", null);
        assertThat(count("select count(*) from idempotent_request where user_id = ?1", ops)).isZero();
        operator(ops).header("Idempotency-Key", key)
                .body(RedpacketApi.dropJson(1, 1_000, "EVEN", now, now.plus(1, ChronoUnit.HOURS))).post(path)
                .then().statusCode(201).header("Idempotent-Replayed", "false");
        assertThat(count("select count(*) from packet_drop where campaign_id = ?1", campaignId)).isEqualTo(1);
    }

    // ---- state ---------------------------------------------------------------------------------

    @Test
    void aCancelledCampaignTakesNoDropAndCannotBePausedOrResumed() {
        String campaignId = createCampaign(10_000, 1);
        operator().post(API + "/campaigns/" + campaignId + "/cancel").then().statusCode(200);
        long reserved = count("select reserved_cents from campaign where id = ?1", campaignId);
        refused(operator().body(dropJson(Instant.now())).post(API + "/campaigns/" + campaignId + "/drops"), 409,
                "CAMPAIGN_NOT_ACTIVE", null);
        refused(operator().post(API + "/campaigns/" + campaignId + "/pause"), 409, "CAMPAIGN_NOT_ACTIVE", null);
        refused(operator().post(API + "/campaigns/" + campaignId + "/resume"), 409, "CAMPAIGN_NOT_ACTIVE", null);
        operator().post(API + "/campaigns/" + campaignId + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertThat(count("select count(*) from packet_drop where campaign_id = ?1", campaignId)).isZero();
        assertThat(count("select reserved_cents from campaign where id = ?1", campaignId)).isEqualTo(reserved);
    }

    @Test
    void aLuckyPacketBeyondTheBalanceIs409AndDebitsNothing() {
        Fixture f = fixture();
        Map<String, Object> before = world(f, f.member());
        long balance = ((Number) before.get("actor balance")).longValue();
        refused(as(f.member()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"totalCents\":" + Math.min(balance + 1, 2_000_000) + ",\"count\":1,\"split\":\"EVEN\"}")
                .post(API + "/pais/" + f.paiId() + "/packets"), 409, "INSUFFICIENT_BALANCE", null);
        assertThat(world(f, f.member())).isEqualTo(before);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Arguments bad(String field, String value, String code) {
        return Arguments.of(field, value, code);
    }

    /** Asserts a problem+json refusal; {@code field} null means the body names none. */
    private static void refused(Response response, int status, String code, String field) {
        ValidatableResponse then = response.then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("title", notNullValue())
                .body("detail", notNullValue());
        then.body("field", field == null ? nullValue() : equalTo(field));
    }

    /** "METHOD /path" with the fixture's ids filled in; a POST carries {@code body}. */
    private static Response request(String endpoint, Fixture f, RequestSpecification request, String body) {
        String[] parts = endpoint.split(" ", 2);
        String path = API + parts[1].replace("{campaign}", f.campaignId()).replace("{drop}", f.dropId())
                .replace("{pai}", f.paiId()).replace("{packet}", f.packetId());
        return parts[0].equals("GET") ? request.get(path) : request.body(body).post(path);
    }

    private static String validBody(String endpoint, Fixture f) {
        if (endpoint.contains("/drops")) {
            return dropJson(Instant.now());
        }
        return endpoint.contains("/packets") ? "{\"totalCents\":100,\"count\":2,\"split\":\"EVEN\"}"
                : RedpacketApi.campaignJson(1_000, 1);
    }

    private static Map<String, String> dropBody(Instant now) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("packetCount", "10");
        body.put("amountCents", "1000");
        body.put("split", "\"EVEN\"");
        body.put("startsAt", quoted(now));
        body.put("endsAt", quoted(now.plus(1, ChronoUnit.HOURS)));
        return body;
    }

    private static String dropJson(Instant now) {
        return json(dropBody(now), null, null, now, now);
    }

    /** The body with {@code field} set to the raw JSON {@code value} (or left out), placeholders filled. */
    private static String json(Map<String, String> valid, String field, String value, Instant start,
            Instant campaignStart) {
        Map<String, String> body = new LinkedHashMap<>(valid);
        if (field != null) {
            if (ABSENT.equals(value)) {
                body.remove(field);
            } else {
                body.put(field, value.replace(START, quoted(start))
                        .replace(PAST, quoted(Instant.now().minus(30, ChronoUnit.MINUTES)))
                        .replace(BEFORE_CAMPAIGN, quoted(campaignStart.minus(1, ChronoUnit.HOURS))));
            }
        }
        return body.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quoted(Instant instant) {
        return "\"" + instant + "\"";
    }

    private Instant campaignStart(Fixture f) {
        return Instant.parse(operator().get(API + "/campaigns/" + f.campaignId()).then().statusCode(200)
                .extract().path("startsAt"));
    }

    /** Everything a refused request could have written: rows by the actor and of the fixture, and its Redis keys. */
    private Map<String, Object> world(Fixture f, String actor) {
        Map<String, Object> world = new LinkedHashMap<>();
        world.put("actor campaigns", count("select count(*) from campaign where created_by = ?1", actor));
        world.put("actor idempotent requests", count("select count(*) from idempotent_request where user_id = ?1", actor));
        world.put("actor balance", count("select coalesce(max(balance_cents), 0) from wallet where user_id = ?1", actor));
        world.put("actor wallet entries", count("select count(*) from wallet_entry where user_id = ?1", actor));
        world.put("actor grabs", count("select count(*) from grab where user_id = ?1", actor));
        world.put("campaign", row("select status, reserved_cents, refunded_cents from campaign where id = ?1", f.campaignId()));
        world.put("campaign drops", row("select count(*), string_agg(status, ',') from packet_drop where campaign_id = ?1",
                f.campaignId()));
        world.put("campaign pool packets", count("""
                select count(*) from pool_packets p join packet_drop d on d.id = p.pool_id where d.campaign_id = ?1""",
                f.campaignId()));
        world.put("pai packets", row("select count(*), string_agg(status, ',') from group_packet where pai_id = ?1",
                f.paiId()));
        world.put("pai pool packets", count("""
                select count(*) from pool_packets p join group_packet g on g.id = p.pool_id where g.pai_id = ?1""",
                f.paiId()));
        world.put("member balance", count("select coalesce(max(balance_cents), 0) from wallet where user_id = ?1", f.member()));
        world.put("member wallet entries", count("select count(*) from wallet_entry where user_id = ?1", f.member()));
        world.put("grabs of the drop and packet", count("select count(*) from grab where pool_id in (?1, ?2)",
                f.dropId(), f.packetId()));
        world.put("refunds of the drop and packet", count("select count(*) from refund where pool_id in (?1, ?2)",
                f.dropId(), f.packetId()));
        world.put("redis drop", pool(f.dropId()));
        world.put("redis packet", pool(f.packetId()));
        world.put("redis campaign counters", hash(RedisKeys.campaignGrabs(f.campaignId())));
        world.put("redis packet counters", hash(RedisKeys.campaignGrabs(f.packetId())));
        return world;
    }

    private Map<String, Object> pool(String poolId) {
        Map<String, Object> pool = new TreeMap<>();
        pool.put("meta", hash(RedisKeys.meta(poolId)));
        pool.put("packets", redis.list(String.class).lrange(RedisKeys.packets(poolId), 0, -1));
        pool.put("claims", hash(RedisKeys.claims(poolId)));
        return pool;
    }

    private Map<String, String> hash(String key) {
        return new TreeMap<>(redis.hash(String.class).hgetall(key));
    }

    private long count(String sql, String... parameters) {
        return ((Number) row(sql, parameters).get(0)).longValue();
    }

    private List<Object> row(String sql, String... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            Object result = query.getSingleResult();
            List<Object> values = new ArrayList<>();
            if (result instanceof Object[] columns) {
                for (Object column : columns) {
                    values.add(column instanceof Number n ? (Object) n.longValue() : column);
                }
            } else {
                values.add(result instanceof Number n ? n.longValue() : result);
            }
            return values;
        });
    }
}
