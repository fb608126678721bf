package pai.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static pai.chat.ChatApi.image;
import static pai.chat.ChatApi.upload;
import static pai.platform.testing.TestUsers.newUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import pai.launcher.Operators;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TestTokens;

/** Accounts, /api/auth: sign-up, sign-in and its brute-force guard, refresh-token rotation, sign-out, /me, operators. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class AccountApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RedisDataSource redis;

    @Test
    void aSignUpSignsInAndItsAccessTokenIsTheJwtEveryEndpointTakes() throws IOException {
        String name = newUser("alice");
        ExtractableResponse<Response> signedUp = signUp(name, PASSWORD, null).statusCode(201)
                .header("Cache-Control", "no-store")
                .body("name", equalTo(name)).body("displayName", equalTo(name)).body("expiresIn", equalTo(900))
                .extract();
        String userId = signedUp.path("userId");
        assertThat(userId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(signedUp.<String>path("refreshToken")).matches("[A-Za-z0-9_-]{43}");

        ExtractableResponse<Response> signedIn = signIn(name, PASSWORD, newAddress()).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("userId", equalTo(userId)).body("name", equalTo(name)).extract();
        String accessToken = signedIn.path("accessToken");
        assertThat(signedIn.<String>path("refreshToken")).isNotEqualTo(signedUp.path("refreshToken"));

        JsonNode header = jwtPart(accessToken, 0);
        JsonNode claims = jwtPart(accessToken, 1);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("pai");
        assertThat(claims.path("sub").asText()).isEqualTo(userId);
        assertThat(claims.path("upn").asText()).isEqualTo(userId);
        assertThat(texts(claims.path("groups"))).containsExactly("user");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        assertThat(claims.path("jti").asText()).isNotBlank();

        bearer(accessToken).body("{\"name\":\"账号群\"}").post("/api/chat/pais").then().statusCode(201)
                .body("ownerId", equalTo(userId));
        given().header("Authorization", "Bearer " + accessToken).get("/api/chat/pais").then().statusCode(200);
    }

    @Test
    void aNameIsTakenWhateverItsCaseAndSignsInInAnyCase() {
        String name = "Case-" + newUser("x");
        String userId = signUp(name, PASSWORD, "Case").statusCode(201).body("displayName", equalTo("Case"))
                .extract().path("userId");

        signUp(name.toLowerCase(), "another password", null).statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("NAME_TAKEN")).body("field", equalTo("name"));
        signUp(name.toUpperCase(), PASSWORD, null).statusCode(409).body("code", equalTo("NAME_TAKEN"));
        assertThat(accountsNamed(name)).isOne();

        signIn(name.toUpperCase(), PASSWORD, newAddress()).statusCode(200)
                .body("userId", equalTo(userId)).body("name", equalTo(name));
    }

    @Test
    void aBadNamePasswordOrDisplayNameIs400NamingTheFieldAndStoresNothing() {
        String name = newUser("bad");
        String password = "pw" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        assertThat(password).hasSize(7);

        assertRefused(signUpBody("ab", PASSWORD, null), "name");
        assertRefused(signUpBody("x".repeat(33), PASSWORD, null), "name");
        assertRefused(signUpBody("al ice" + name, PASSWORD, null), "name");
        assertRefused(signUpBody("ålice-" + name, PASSWORD, null), "name");
        assertRefused(signUpBody(null, PASSWORD, null), "name");
        assertRefused(signUpBody(name, null, null), "password");
        assertRefused(signUpBody(name, "x".repeat(129), null), "password");
        assertRefused(signUpBody(name, name, "   "), "displayName");
        assertRefused(signUpBody(name, name, "x".repeat(41)), "displayName");
        assertRefused(signUpBody(name, name, "bell\u0007"), "displayName");
        // A password too short is refused without being repeated back
        String answer = postJson("/api/auth/signup", signUpBody(name, password, null)).statusCode(400)
                .body("code", equalTo("INVALID_FIELD")).body("field", equalTo("password"))
                .extract().asString();
        assertThat(answer).doesNotContain(password);
        String typeError = postJson("/api/auth/signup", "{\"name\":\"" + name + "\",\"password\":12345678901}")
                .statusCode(400).body("code", equalTo("INVALID_JSON")).body("field", equalTo("password"))
                .extract().asString();
        assertThat(typeError).doesNotContain("12345678901");

        assertThat(accountsNamed(name)).isZero();
        assertThat(accountsNamed("ab")).isZero();
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswerInAboutTheSameTime() throws IOException {
        String name = newUser("alice");
        signUp(name, PASSWORD, null).statusCode(201);
        String address = newAddress();

        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownName = new ArrayList<>();
        String wrongAnswer = null;
        String unknownAnswer = null;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            wrongAnswer = signIn(name, PASSWORD + "!", address).statusCode(401).extract().asString();
            wrongPassword.add(System.nanoTime() - started);
            started = System.nanoTime();
            unknownAnswer = signIn(newUser("nobody"), PASSWORD, address).statusCode(401).extract().asString();
            unknownName.add(System.nanoTime() - started);
        }

        assertThat(JSON.readTree(wrongAnswer).path("code").asText()).isEqualTo("BAD_CREDENTIALS");
        assertThat(JSON.readTree(unknownAnswer)).isEqualTo(JSON.readTree(wrongAnswer));
        // Both hash a password: an unknown name is not answered in a fraction of the time
        assertThat(median(unknownName)).isGreaterThan(median(wrongPassword) / 3);
    }

    @Test
    void failedSignInsLockTheNameEvenForTheRightPasswordButNoOtherAccount() {
        String alice = newUser("alice");
        String bob = newUser("bob");
        signUp(alice, PASSWORD, null).statusCode(201);
        signUp(bob, PASSWORD, null).statusCode(201);
        String attacker = newAddress();

        for (int i = 0; i < 5; i++) {
            signIn(alice, "guess number " + i, attacker).statusCode(401).body("code", equalTo("BAD_CREDENTIALS"));
        }
        String nameKey = "pai:chat:signin:name:" + alice.toLowerCase();
        assertThat(redis.value(String.class).get(nameKey)).isEqualTo("5");
        assertThat(redis.key().pttl(nameKey)).isBetween(1L, 900_000L);

        ExtractableResponse<Response> locked = signIn(alice, PASSWORD, newAddress()).statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED")).body("reason", equalTo("NAME_LOCKED"))
                .extract();
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
        signIn(alice, "one more guess", attacker).statusCode(429);
        signIn(alice.toUpperCase(), PASSWORD, newAddress()).statusCode(429);

        signIn(bob, PASSWORD, newAddress()).statusCode(200);
        assertThat(redis.value(String.class).get(nameKey)).as("a locked try is not counted").isEqualTo("5");
    }

    @Test
    void failedSignInsFromOneAddressLockItForEveryNameButNotTheNamesElsewhere() {
        String alice = newUser("alice");
        signUp(alice, PASSWORD, null).statusCode(201);
        String address = newAddress();

        for (int i = 0; i < 30; i++) {
            signIn(newUser("guess" + i), PASSWORD, address).statusCode(401);
        }

        signIn(alice, PASSWORD, address).statusCode(429).body("reason", equalTo("ADDRESS_LOCKED"))
                .header("Retry-After", notNullValue());
        signIn(alice, PASSWORD, newAddress()).statusCode(200);
    }

    @Test
    void signUpsFromOneAddressAreLimitedPerWindowAndStoreNothingOnceRefused() {
        String address = newAddress();
        for (int i = 0; i < 20; i++) {
            signUpFrom(address, newUser("many"), PASSWORD, null).statusCode(201);
        }
        String refusedName = newUser("many");
        signUpFrom(address, refusedName, PASSWORD, null).statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("code", equalTo("RATE_LIMITED"))
                .body("reason", equalTo("SIGNUPS_FROM_ADDRESS"));
        assertThat(accountsNamed(refusedName)).isZero();
        signUp(refusedName, PASSWORD, null).statusCode(201);
    }

    @Test
    void aSignInWithTheRightPasswordForgivesTheNamesFailures() {
        String alice = newUser("alice");
        signUp(alice, PASSWORD, null).statusCode(201);
        String address = newAddress();

        for (int i = 0; i < 4; i++) {
            signIn(alice, "typo " + i, address).statusCode(401);
        }
        signIn(alice, PASSWORD, address).statusCode(200);
        assertThat(redis.key().exists("pai:chat:signin:name:" + alice.toLowerCase())).isFalse();
        assertThat(redis.value(String.class).get("pai:chat:signin:address:" + address)).as("only failures count").isEqualTo("4");
        for (int i = 0; i < 4; i++) {
            signIn(alice, "typo again " + i, address).statusCode(401);
        }
        signIn(alice, PASSWORD, address).statusCode(200);
    }

    @Test
    void aRefreshSpendsItsTokenAndShowingASpentOneAgainRevokesTheWholeSession() {
        ExtractableResponse<Response> signedUp = signUp(newUser("alice"), PASSWORD, null).statusCode(201).extract();
        String userId = signedUp.path("userId");
        String first = signedUp.path("refreshToken");

        ExtractableResponse<Response> refreshed = refresh(first).statusCode(200).header("Cache-Control", "no-store")
                .body("userId", equalTo(userId)).body("expiresIn", equalTo(900)).extract();
        String second = refreshed.path("refreshToken");
        assertThat(second).isNotEqualTo(first).matches("[A-Za-z0-9_-]{43}");
        bearer(refreshed.path("accessToken")).get("/api/auth/me").then().statusCode(200).body("userId", equalTo(userId));
        String third = refresh(second).statusCode(200).extract().path("refreshToken");

        refresh(first).statusCode(401).contentType("application/problem+json").body("code", equalTo("REFRESH_TOKEN_INVALID"));
        refresh(third).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));

        List<?> rows = entityManager.createNativeQuery("select token_hash, family_id, spent_at is not null, revoked_at is not null"
                + " from refresh_token where account_id = ?1 order by created_at").setParameter(1, userId).getResultList();
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(row -> assertThat(((Object[]) row)[3]).as("revoked").isEqualTo(true));
        assertThat(rows).extracting(row -> ((Object[]) row)[1]).containsOnly(((Object[]) rows.get(0))[1]);
        assertThat(rows).extracting(row -> ((Object[]) row)[0]).containsExactlyInAnyOrder(sha256(first), sha256(second), sha256(third));
    }

    @Test
    void aSignOutEndsTheSessionAndAnUnknownTokenSignsOutNothing() {
        ExtractableResponse<Response> signedUp = signUp(newUser("alice"), PASSWORD, null).statusCode(201).extract();
        String refreshToken = signedUp.path("refreshToken");
        String otherSession = signIn(signedUp.path("name"), PASSWORD, newAddress()).statusCode(200).extract().path("refreshToken");

        postJson("/api/auth/signout", "{\"refreshToken\":\"" + refreshToken + "\"}").statusCode(204);
        refresh(refreshToken).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        // the other session goes on
        refresh(otherSession).statusCode(200);

        postJson("/api/auth/signout", "{\"refreshToken\":\"no-such-token\"}").statusCode(204);
        postJson("/api/auth/signout", "{}").statusCode(400).body("field", equalTo("refreshToken"));
        refresh("no-such-token").statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void meShowsTheAccountAndChangesItsDisplayNameAndAvatarToAnImageOfItsOwn() throws IOException {
        String name = newUser("alice");
        ExtractableResponse<Response> signedUp = signUp(name, PASSWORD, "Alice").statusCode(201).extract();
        String userId = signedUp.path("userId");
        String token = signedUp.path("accessToken");
        bearer(token).get("/api/auth/me").then().statusCode(200)
                .body("userId", equalTo(userId)).body("name", equalTo(name)).body("displayName", equalTo("Alice"))
                .body("avatarMediaId", nullValue()).body("roles", equalTo(List.of("user")));
        String own = upload(userId, image(32, 32, "png"), "me.png").statusCode(201).extract().path("mediaId");
        String others = upload(newUser("bob"), image(32, 32, "png"), "bob.png").statusCode(201).extract().path("mediaId");

        bearer(token).body("{\"displayName\":\"爱丽丝\",\"avatarMediaId\":\"" + own + "\"}").put("/api/auth/me")
                .then().statusCode(200).body("displayName", equalTo("爱丽丝")).body("avatarMediaId", equalTo(own));
        bearer(token).body("{\"displayName\":\"Alice L.\"}").put("/api/auth/me").then().statusCode(200)
                .body("displayName", equalTo("Alice L.")).body("avatarMediaId", equalTo(own));

        bearer(token).body("{\"avatarMediaId\":\"" + others + "\"}").put("/api/auth/me").then().statusCode(400)
                .body("code", equalTo("INVALID_FIELD")).body("field", equalTo("avatarMediaId"));
        bearer(token).body("{\"avatarMediaId\":\"no-such-media\"}").put("/api/auth/me").then().statusCode(400)
                .body("field", equalTo("avatarMediaId"));
        bearer(token).body("{\"displayName\":\"" + "x".repeat(41) + "\"}").put("/api/auth/me").then().statusCode(400)
                .body("field", equalTo("displayName"));
        bearer(token).body("{\"displayName\":\"\"}").put("/api/auth/me").then().statusCode(400)
                .body("field", equalTo("displayName"));
        bearer(token).get("/api/auth/me").then().statusCode(200)
                .body("displayName", equalTo("Alice L.")).body("avatarMediaId", equalTo(own));
        Object[] row = (Object[]) entityManager.createNativeQuery("select display_name, avatar_media_id from account where id = ?1")
                .setParameter(1, userId).getSingleResult();
        assertThat(row).containsExactly("Alice L.", own);

        given().get("/api/auth/me").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", TestTokens.bearer(newUser("dev"))).get("/api/auth/me").then().statusCode(404)
                .body("code", equalTo("ACCOUNT_NOT_FOUND"));
    }

    @Test
    void membersSeeEachOthersNamesDisplayNamesAndAvatarsAndADevTokenUserByIdAlone() throws IOException {
        String aliceName = newUser("alice");
        ExtractableResponse<Response> alice = signUp(aliceName, PASSWORD, "Alice").statusCode(201).extract();
        String aliceToken = alice.path("accessToken");
        String avatar = upload(alice.path("userId"), image(32, 32, "png"), "me.png").statusCode(201).extract().path("mediaId");
        bearer(aliceToken).body("{\"avatarMediaId\":\"" + avatar + "\"}").put("/api/auth/me").then().statusCode(200);
        ExtractableResponse<Response> bob = signUp(newUser("bob"), PASSWORD, "鲍勃").statusCode(201).extract();
        String devUser = newUser("dev");
        ExtractableResponse<Response> pai = bearer(aliceToken).body("{\"name\":\"Friends\"}").post("/api/chat/pais")
                .then().statusCode(201).extract();
        String join = "{\"inviteCode\":\"" + pai.path("inviteCode") + "\"}";
        bearer(bob.path("accessToken")).body(join).post("/api/chat/pais/join").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(devUser)).contentType(ContentType.JSON).body(join)
                .post("/api/chat/pais/join").then().statusCode(200);

        ExtractableResponse<Response> members = bearer(bob.path("accessToken"))
                .get("/api/chat/pais/" + pai.path("id") + "/members").then().statusCode(200).extract();
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> member : members.<List<Map<String, Object>>>path("items")) {
            byId.put((String) member.get("userId"), member);
        }
        assertThat(byId.get(alice.<String>path("userId"))).containsEntry("name", aliceName)
                .containsEntry("displayName", "Alice").containsEntry("role", "OWNER");
        assertThat(byId.get(bob.<String>path("userId"))).containsEntry("displayName", "鲍勃").containsEntry("avatarUrl", null);
        assertThat(byId.get(devUser)).containsEntry("name", null).containsEntry("displayName", null)
                .containsEntry("avatarUrl", null).containsEntry("role", "MEMBER");
        String avatarUrl = (String) byId.get(alice.<String>path("userId")).get("avatarUrl");
        assertThat(avatarUrl).startsWith("/api/chat/media/" + avatar + "/thumbnail?");
        given().get(avatarUrl).then().statusCode(200).contentType(containsString("image/"));
    }

    @Test
    void thePasswordIsStoredOnlyAsAnArgon2idHash() {
        String name = newUser("alice");
        signUp(name, PASSWORD, null).statusCode(201);

        String stored = (String) entityManager.createNativeQuery("select password_hash from account where name_key = ?1")
                .setParameter(1, name.toLowerCase()).getSingleResult();
        assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain(PASSWORD);
    }

    /** As ./pai operator does it: in the database, by the launcher's Operators, never through the API. */
    @Test
    void anAccountMadeAnOperatorGetsTheRoleAtItsNextRefreshOrSignIn() throws SQLException, Operators.NoAccounts {
        String name = newUser("ops");
        ExtractableResponse<Response> signedUp = signUp(name, PASSWORD, null).statusCode(201).extract();
        String userId = signedUp.path("userId");
        assertThat(texts(jwtPart(signedUp.path("accessToken"), 1).path("groups"))).containsExactly("user");

        Optional<Operators.Marked> marked = markOperator(name.toUpperCase());
        assertThat(marked).contains(new Operators.Marked(userId, name, false));
        assertThat(markOperator(name)).contains(new Operators.Marked(userId, name, true));
        assertThat(markOperator(newUser("nobody"))).isEmpty();

        String refreshed = refresh(signedUp.path("refreshToken")).statusCode(200).extract().path("accessToken");
        assertThat(texts(jwtPart(refreshed, 1).path("groups"))).containsExactlyInAnyOrder("user", "operator");
        bearer(refreshed).get("/api/auth/me").then().statusCode(200).body("roles", equalTo(List.of("user", "operator")));
        String signedIn = signIn(name, PASSWORD, newAddress()).statusCode(200).extract().path("accessToken");
        assertThat(texts(jwtPart(signedIn, 1).path("groups"))).containsExactlyInAnyOrder("user", "operator");
    }

    @Test
    void noPasswordOrTokenReachesTheLog() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        line.append(' ').append(parameter);
                    }
                }
                for (Throwable e = record.getThrown(); e != null; e = e.getCause()) {
                    line.append(' ').append(e);
                }
                synchronized (logged) {
                    logged.add(line.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String password = "secret-" + newUser("pw");
        List<String> secrets = new ArrayList<>(List.of(password));
        try {
            org.jboss.logging.Logger.getLogger(AccountApiTest.class).info("captured: the log of the service");
            String name = newUser("alice");
            ExtractableResponse<Response> signedUp = signUp(name, password, null).statusCode(201).extract();
            secrets.add(signedUp.path("accessToken"));
            secrets.add(signedUp.path("refreshToken"));
            String address = newAddress();
            signIn(name, password + "x", address).statusCode(401);
            secrets.add(password + "x");
            String refreshed = refresh(signedUp.path("refreshToken")).statusCode(200).extract().path("refreshToken");
            secrets.add(refreshed);
            refresh(signedUp.path("refreshToken")).statusCode(401);
            postJson("/api/auth/signup", signUpBody(newUser("bob"), "short1", null)).statusCode(400);
            secrets.add("short1");
            postJson("/api/auth/signout", "{\"refreshToken\":\"" + refreshed + "\"}").statusCode(204);
        } finally {
            root.removeHandler(capture);
        }

        synchronized (logged) {
            assertThat(logged).anyMatch(line -> line.contains("captured: the log of the service"));
            for (String secret : secrets) {
                assertThat(logged).noneMatch(line -> line.contains(secret));
            }
        }
    }

    @Test
    void signUpsSignInsAndRefreshesAreCountedByOutcome() {
        String name = newUser("alice");
        String refreshToken = signUp(name, PASSWORD, null).statusCode(201).extract().path("refreshToken");
        signUp(name, PASSWORD, null).statusCode(409);
        signIn(name, PASSWORD, newAddress()).statusCode(200);
        signIn(name, "wrong password", newAddress()).statusCode(401);
        refresh(refreshToken).statusCode(200);
        refresh(refreshToken).statusCode(401);
        refresh("no-such-token").statusCode(401);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_chat_auth_signups_total{outcome=\"ok\"}"))
                .body(containsString("pai_chat_auth_signups_total{outcome=\"name_taken\"}"))
                .body(containsString("pai_chat_auth_signins_total{outcome=\"ok\"}"))
                .body(containsString("pai_chat_auth_signins_total{outcome=\"bad_credentials\"}"))
                .body(containsString("pai_chat_auth_refreshes_total{outcome=\"ok\"}"))
                .body(containsString("pai_chat_auth_refreshes_total{outcome=\"reused\"}"))
                .body(containsString("pai_chat_auth_refreshes_total{outcome=\"invalid\"}"));
    }

    /** A sign-up from an address of its own, so that the sign-ups of all tests stay under the limit per address. */
    private static ValidatableResponse signUp(String name, String password, String displayName) {
        return signUpFrom(newAddress(), name, password, displayName);
    }

    private static ValidatableResponse signUpFrom(String address, String name, String password, String displayName) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(signUpBody(name, password, displayName)).post("/api/auth/signup").then();
    }

    private static String signUpBody(String name, String password, String displayName) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("password", password);
        if (displayName != null) {
            body.put("displayName", displayName);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A sign-in from {@code address}, as the gateway forwards it. */
    private static ValidatableResponse signIn(String name, String password, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("name", name, "password", password)).post("/api/auth/signin").then();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return postJson("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static ValidatableResponse postJson(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static RequestSpecification bearer(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON);
    }

    private static void assertRefused(String body, String field) {
        postJson("/api/auth/signup", body).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_FIELD")).body("field", equalTo(field));
    }

    /** Each test signs in from addresses of its own, so that no test's failures lock another's. */
    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private long accountsNamed(String name) {
        return ((Number) entityManager.createNativeQuery("select count(*) from account where name_key = ?1")
                .setParameter(1, name.toLowerCase()).getSingleResult()).longValue();
    }

    private Optional<Operators.Marked> markOperator(String name) throws SQLException, Operators.NoAccounts {
        try (Connection connection = dataSource.getConnection()) {
            return Operators.mark(connection, name);
        }
    }

    private static JsonNode jwtPart(String jwt, int part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
