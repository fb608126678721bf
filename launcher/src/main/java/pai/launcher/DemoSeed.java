package pai.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import pai.launcher.GatewayClient.Answer;

/**
 * The demo of {@code ./pai up}, made through the gateway: the accounts demo-alice, demo-bob and
 * demo-operator (signed up with the one password of {@link DemoPassword}, or signed in when they exist;
 * demo-operator made an operator in the database, as {@code ./pai operator} does), a pai of demo-alice's
 * that demo-bob joins, its five agents switched on and a chat that shows each once, a campaign of
 * demo-operator's with a drop, and a share of it that demo-bob accepts.
 *
 * <p>Each step that worked leaves a file in the seed folder (the pai's id, the campaign's id...), so a
 * later run only retries what did not (e.g. an endpoint that did not exist yet) and never makes a
 * second demo pai. What it prints for each step is the HTTP status the gateway answered.
 */
final class DemoSeed {
    /** The files of the steps done; {@code invite} is no step, it keeps the pai's invite code for the talk. */
    private static final List<String> STEPS = List.of("operator", "pai", "agents-all", "talk", "campaign", "drop", "share");
    private static final List<String> AGENTS = List.of("summarizer", "supervisor", "remixer", "planner", "knowledge");
    static final String ALICE = "demo-alice";
    static final String BOB = "demo-bob";
    static final String OPERATOR = "demo-operator";
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** agent-service learns that demo-alice owns the pai from pai.chat.members: it may answer 403 a moment. */
    private static final int AGENT_TRIES = 10;
    /** share-service learns the campaign from redpacket-service's event: it may answer 404 a moment. */
    private static final int SHARE_TRIES = 15;

    /** Makes an account an operator where the API cannot: {@link Operators#mark} in chat-service's database. */
    @FunctionalInterface
    interface OperatorMarking {
        Optional<Operators.Marked> mark(String name) throws Exception;
    }

    private final GatewayClient gateway;
    private final Path seed;
    private final Path photo;
    private final PrintStream out;
    private final String password;
    private final OperatorMarking operators;
    /** The demo users' access tokens; null for one that could not sign in (its steps then answer 401). */
    private String alice;
    private String bob;
    private String operator;

    private DemoSeed(GatewayClient gateway, Path seed, String password, OperatorMarking operators, Path photo,
            PrintStream out) {
        this.gateway = gateway;
        this.seed = seed;
        this.password = password;
        this.operators = operators;
        this.photo = photo;
        this.out = out;
    }

    /**
     * Seeds what the seed folder does not record as done; {@code passwordFile} holds the demo accounts' password
     * (made on the first run), {@code photo} is the picture demo-alice posts.
     */
    static void run(URI gateway, Path seed, Path passwordFile, OperatorMarking operators, Path photo, PrintStream out)
            throws IOException, InterruptedException {
        Files.createDirectories(seed);
        if (STEPS.stream().allMatch(step -> Files.exists(seed.resolve(step)))) {
            out.println("demo data was seeded before (rm -r .pai/seed to seed again)");
            return;
        }
        out.println("\033[1m==> seeding a demo\033[0m");
        new DemoSeed(new GatewayClient(gateway), seed, DemoPassword.loadOrCreate(passwordFile), operators, photo, out)
                .seed();
    }

    private void seed() throws IOException, InterruptedException {
        alice = signUpOrIn(ALICE, "Alice 爱丽丝");
        bob = signUpOrIn(BOB, "Bob 鲍勃");
        operator = signUpOrIn(OPERATOR, "Operator 运营");
        if (operator != null && !done("operator")) {
            makeOperator();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (!done("pai")) {
            Answer pai = gateway.post(alice, "/api/chat/pais", json("name", "春节群 Spring Festival", "description", "demo pai"));
            String id = pai.text("id");
            out.println("  pai 春节群 by demo-alice: HTTP " + pai.code() + (id.isEmpty() ? "" : ", id " + id));
            if (pai.is(201) && !id.isEmpty()) {
                record("pai", id);
                String invite = pai.text("inviteCode");
                record("invite", invite.isEmpty() ? null : invite);
            }
        }
        if (done("pai") && !done("agents-all")) {
            enableAgents(recorded("pai"));
        }
        if (done("agents-all") && !done("talk") && talk(recorded("pai"))) {
            record("talk", null);
        }
        if (!done("campaign")) {
            Answer campaign = gateway.send("POST", operator, "/api/redpackets/campaigns", json(
                    "name", "Spring Festival 2026", "budgetCents", 100_000_000, "startsAt", now.toString(),
                    "endsAt", now.plus(Duration.ofDays(7)).toString(), "timezone", "Asia/Shanghai", "maxGrabsPerUser", 3,
                    "shareBonusGrabs", 1, "maxBonusGrabsPerUser", 2, "dailyShareRewardCap", 10),
                    "demo-campaign-" + now.getEpochSecond());
            String id = campaign.text("id");
            out.println("  campaign of 1,000,000 yuan by demo-operator: HTTP " + campaign.code()
                    + (id.isEmpty() ? "" : ", id " + id));
            if (campaign.is(201) && !id.isEmpty()) {
                record("campaign", id);
            }
        }
        if (done("campaign") && !done("drop")) {
            String campaign = recorded("campaign");
            Answer drop = gateway.send("POST", operator, "/api/redpackets/campaigns/" + campaign + "/drops", json(
                    "packetCount", 100, "amountCents", 1_000_000, "split", "RANDOM", "startsAt", now.toString(),
                    "endsAt", now.plus(Duration.ofHours(2)).toString()),
                    "demo-drop-" + campaign);
            out.println("  drop of 100 packets, 10,000 yuan, for 2 hours: HTTP " + drop.code());
            if (drop.is(201, 200)) {
                record("drop", null);
            }
        }
        if (done("campaign") && !done("share")) {
            shareCampaign(recorded("campaign"));
        }
    }

    /** Signs the demo user up, or in when the name is taken; the access token, or null when neither worked. */
    private String signUpOrIn(String name, String displayName) throws InterruptedException {
        Answer signUp = gateway.post(null, "/api/auth/signup", json("name", name, "password", password,
                "displayName", displayName));
        if (!signUp.is(409)) {
            out.println("  " + name + " signs up: HTTP " + signUp.code());
            return signUp.is(201) ? token(signUp) : null;
        }
        return signIn(name, name + " signs in");
    }

    private String signIn(String name, String what) throws InterruptedException {
        Answer signIn = gateway.post(null, "/api/auth/signin", json("name", name, "password", password));
        out.println("  " + what + ": HTTP " + signIn.code()
                + (signIn.is(401) ? " (the account has another password than the demo's)" : ""));
        return signIn.is(200) ? token(signIn) : null;
    }

    /** demo-operator gets the role in the database, and signs in again for a token that carries it. */
    private void makeOperator() throws IOException, InterruptedException {
        Optional<Operators.Marked> marked;
        try {
            marked = operators.mark(OPERATOR);
        } catch (Exception e) {
            out.println("  " + OPERATOR + " could not be made an operator: " + e.getMessage());
            return;
        }
        if (marked.isEmpty()) {
            out.println("  " + OPERATOR + " could not be made an operator: no account has the name in the database");
            return;
        }
        operator = signIn(OPERATOR, OPERATOR + " is an operator in the database, signs in again");
        if (operator != null) {
            record("operator", marked.get().userId());
        }
    }

    private static String token(Answer session) {
        String token = session.text("accessToken");
        return token.isEmpty() ? null : token;
    }

    private void enableAgents(String pai) throws IOException, InterruptedException {
        int enabled = 0;
        for (String agent : AGENTS) {
            Answer answer = null;
            for (int tries = 1; tries <= AGENT_TRIES; tries++) {
                answer = gateway.send("PUT", alice, "/api/agents/pais/" + pai + "/agents/" + agent, json("enabled", true), null);
                if (!answer.is(403)) {
                    break;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
            out.println("  agent " + agent + " enabled: HTTP " + answer.code());
            if (answer.is(200)) {
                enabled++;
            }
        }
        if (enabled == AGENTS.size()) {
            record("agents-all", null);
        }
    }

    /**
     * A chat in the demo pai that shows each agent once: the planner picks up a meeting, the supervisor
     * a check-in, the remixer cartoons a photo, knowledge answers when to meet, the summarizer sums it
     * up. Each message has its clientMsgId, so a retried seed posts nothing twice.
     *
     * @return whether every message of it was posted
     */
    private boolean talk(String pai) throws IOException, InterruptedException {
        String invite = done("invite") ? recorded("invite") : "";
        if (!invite.isEmpty()) {
            Answer join = gateway.post(bob, "/api/chat/pais/join", json("inviteCode", invite));
            out.println("  demo-bob joins: HTTP " + join.code());
        }
        Answer goal = gateway.post(alice, "/api/agents/pais/" + pai + "/goals", json("kind", "FITNESS",
                "title", "每天跑步 Daily run", "cadence", "DAILY", "remindAt", "21:00", "timezone", "Asia/Shanghai"));
        out.println("  goal 每天跑步 by demo-alice: HTTP " + goal.code());
        if (!say(alice, pai, "talk-1", "周六早上八点在北宫门集合，一起去爬香山！")
                || !say(bob, pai, "talk-2", "好啊，我带水和面包，天气预报说周六是晴天")
                || !say(bob, pai, "talk-3", "#打卡 今天跑了五公里")) {
            return false;
        }
        Answer upload = gateway.upload(alice, "/api/chat/media", photo, "image/jpeg");
        String media = upload.text("mediaId");
        out.println("  photo uploaded: HTTP " + upload.code());
        if (media.isEmpty()) {
            return false;
        }
        JsonNode photoSeq = gateway.post(alice, "/api/chat/pais/" + pai + "/messages",
                json("clientMsgId", "demo-talk-4", "kind", "IMAGE", "mediaId", media)).body().path("seq");
        if (!photoSeq.isIntegralNumber()) {
            return false;
        }
        Answer remix = gateway.post(alice, "/api/chat/pais/" + pai + "/messages", json("clientMsgId", "demo-talk-5",
                "kind", "TEXT", "text", "@remixer cartoon", "replyToSeq", photoSeq.longValue()));
        out.println("  @remixer cartoon in reply to the photo: HTTP " + remix.code());
        return say(bob, pai, "talk-6", "@knowledge 我们几点集合?") && say(alice, pai, "talk-7", "@summarizer");
    }

    private boolean say(String token, String pai, String clientMsgId, String text) throws InterruptedException {
        Answer answer = gateway.post(token, "/api/chat/pais/" + pai + "/messages",
                json("clientMsgId", "demo-" + clientMsgId, "kind", "TEXT", "text", text));
        out.println("  \"" + text + "\": HTTP " + answer.code());
        return answer.is(201, 200);
    }

    private void shareCampaign(String campaign) throws IOException, InterruptedException {
        Answer share = null;
        for (int tries = 1; tries <= SHARE_TRIES; tries++) {
            share = gateway.post(alice, "/api/shares", json("targetType", "CAMPAIGN", "targetId", campaign, "channel", "WECHAT"));
            if (!share.is(404)) {
                break;
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
        String url = share.text("url");
        String code = share.text("code");
        out.println("  demo-alice shares the campaign to WeChat: HTTP " + share.code() + (url.isEmpty() ? "" : ", " + url));
        if (share.is(201, 200) && !code.isEmpty()) {
            Answer accept = gateway.post(bob, "/api/shares/" + code + "/accept", null);
            JsonNode rewarded = accept.body().path("rewarded");
            out.println("  demo-bob accepts it, demo-alice earns a grab: HTTP " + accept.code() + ", "
                    + (rewarded.isBoolean() ? "rewarded:" + rewarded.asBoolean() : ""));
            if (accept.is(200)) {
                record("share", url);
            }
        }
    }

    private boolean done(String step) {
        return Files.exists(seed.resolve(step));
    }

    private String recorded(String step) throws IOException {
        return Files.readString(seed.resolve(step), StandardCharsets.UTF_8).strip();
    }

    /** Marks the step done in the seed folder, with the value later steps read from it (null: none). */
    private void record(String step, String value) throws IOException {
        Files.writeString(seed.resolve(step), value == null ? "" : value + "\n", StandardCharsets.UTF_8);
    }

    /** A JSON object of the names and values in that order. */
    private static ObjectNode json(Object... namesAndValues) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value instanceof String text) {
                object.put(name, text);
            } else if (value instanceof Number number) {
                object.put(name, number.longValue());
            } else if (value instanceof Boolean flag) {
                object.put(name, flag);
            } else {
                throw new IllegalArgumentException(name + ": not a JSON value: " + value);
            }
        }
        return object;
    }
}
