package pai.agent.service.supervisor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static pai.platform.testing.TestUsers.as;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies;
import pai.agent.service.orchestration.Counters;
import pai.agent.service.orchestration.Decision.Turn;
import pai.agent.service.orchestration.OrchestrationService;
import pai.agent.service.orchestration.Reason;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.EventJson;
import pai.events.Topics;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.AgentReplyRequested;
import pai.events.chat.MemberRole;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;
import pai.platform.testing.PaiMembers;
import pai.platform.testing.TestEnvironment;
import pai.platform.testing.TopicWatcher;
import pai.platform.time.LocalTimeFields;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class GoalsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration PUBLISHED = Duration.ofSeconds(30);

    private static final Turn TURN = new Turn(SupervisorService.AGENT, Reason.COMMANDED, 1);

    @Inject
    SupervisorAgent agent;
    @Inject
    AgentReplies replies;
    @Inject
    Reminders reminders;
    @Inject
    EntityManager entityManager;

    @Test
    void aMemberSetsAGoalAndEveryMemberSeesIt() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        String bob = member(paiId, "bob");

        var created = as(alice).body("""
                {"kind":"FITNESS","title":"晨跑 5 公里","cadence":"DAILY","remindAt":"07:30","restDays":["SUNDAY","SATURDAY"]}""")
                .post(goals(paiId)).then().statusCode(201)
                .body("paiId", equalTo(paiId)).body("kind", equalTo("FITNESS")).body("title", equalTo("晨跑 5 公里"))
                .body("tag", equalTo("#晨跑5公里")).body("cadence", equalTo("DAILY")).body("remindAt", equalTo("07:30"))
                .body("timezone", equalTo(LocalTimeFields.DEFAULT_TIMEZONE))
                .body("restDays", contains("SATURDAY", "SUNDAY")).body("createdBy", equalTo(alice))
                .extract();
        String goalId = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/agents/goals/" + goalId);

        as(bob).get("/api/agents/goals/" + goalId).then().statusCode(200)
                .body("id", equalTo(goalId)).body("title", equalTo("晨跑 5 公里"));
        as(bob).body("""
                {"kind":"READING","title":"Read 20 pages","tag":"books","cadence":"WEEKLY","timezone":"Europe/Berlin"}""")
                .post(goals(paiId)).then().statusCode(201)
                .body("tag", equalTo("#books")).body("remindAt", nullValue()).body("timezone", equalTo("Europe/Berlin"));
        String third = as(bob).body("""
                {"kind":"CUSTOM","title":"No sugar","cadence":"DAILY","remindAt":"20:00","timezone":"America/New_York"}""")
                .post(goals(paiId)).then().statusCode(201).extract().path("id");

        List<String> firstPage = as(alice).queryParam("limit", 2).get(goals(paiId)).then().statusCode(200)
                .body("hasMore", equalTo(true)).body("items[0].id", equalTo(third)).extract().path("items.id");
        as(alice).queryParam("limit", 2).queryParam("beforeGoalId", firstPage.get(1)).get(goals(paiId))
                .then().statusCode(200).body("hasMore", equalTo(false)).body("items.id", contains(goalId));
    }

    @Test
    void aCheckInIs201WithItsStreakAndASecondInTheSamePeriodIs409() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        String goalId = goal(alice, paiId, "跑步");
        // Yesterday's check-in came from the chat; today's is made in the app.
        answerInTransaction(paiId, Utterance.said(1, alice, "#打卡", Instant.now().minus(1, ChronoUnit.DAYS)));

        try (TopicWatcher replies = TopicWatcher.watch(Topics.AGENT_REPLIES)) {
            String checkinId = as(alice).body("{\"note\":\"5 公里\"}").post(checkins(goalId)).then().statusCode(201)
                    .body("goalId", equalTo(goalId)).body("userId", equalTo(alice))
                    .body("period", equalTo(LocalDateTime.now(SHANGHAI).toLocalDate().toString()))
                    .body("streak", equalTo(2)).body("total", equalTo(2))
                    .extract().path("checkinId");
            AgentReplyRequested posted = reply(replies, "checkin:" + checkinId);
            assertThat(posted.paiId()).isEqualTo(paiId);
            assertThat(posted.kind()).isEqualTo(AgentReplyKind.CHECKIN);
            assertThat(posted.text()).contains(alice).contains("连续 2 天").contains("累计 2 次");
            assertThat(posted.card().checkin().goalId()).isEqualTo(goalId);
            assertThat(posted.card().checkin().streak()).isEqualTo(2);
        }

        as(alice).post(checkins(goalId)).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ALREADY_CHECKED_IN"));
        assertThat(checkinRows(goalId, alice)).isEqualTo(2);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_agent_checkins_total{outcome=\"ok\",source=\"REST\"}"))
                .body(containsString("pai_agent_checkins_total{outcome=\"already\",source=\"REST\"}"));
    }

    @Test
    void concurrentCheckInsOfOneMemberStoreOne() throws Exception {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        String goalId = goal(alice, paiId, "Push-ups");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(pool.submit(() -> as(alice).post(checkins(goalId)).then().extract().statusCode()));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(checkinRows(goalId, alice)).isEqualTo(1);
    }

    @Test
    void theBoardListsThePaisMembersBestFirst() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        String bob = member(paiId, "bob");
        String carol = member(paiId, "carol");
        String dave = member(paiId, "dave");
        String goalId = goal(alice, paiId, "阅读");
        Instant now = Instant.now();
        long seq = 1;
        for (int daysAgo = 2; daysAgo >= 1; daysAgo--) {
            answerInTransaction(paiId, Utterance.said(seq++, alice, "打卡", now.minus(daysAgo, ChronoUnit.DAYS)));
        }
        answerInTransaction(paiId, Utterance.said(seq++, carol, "打卡", now.minus(1, ChronoUnit.DAYS)));
        as(alice).post(checkins(goalId)).then().statusCode(201).body("streak", equalTo(3));
        as(bob).post(checkins(goalId)).then().statusCode(201).body("streak", equalTo(1));
        as(carol).post(checkins(goalId)).then().statusCode(201).body("streak", equalTo(2));

        as(dave).get(board(goalId)).then().statusCode(200).body("hasMore", equalTo(false))
                .body("items.userId", contains(alice, carol, bob, dave))
                .body("items.streak", contains(3, 2, 1, 0))
                .body("items.rank", contains(1, 2, 3, 4))
                .body("items.checkedIn", contains(true, true, true, false));
        as(dave).queryParam("limit", 2).get(board(goalId)).then().statusCode(200)
                .body("hasMore", equalTo(true)).body("items.userId", contains(alice, carol));
        as(dave).queryParam("limit", 2).queryParam("afterRank", 2).get(board(goalId)).then().statusCode(200)
                .body("hasMore", equalTo(false)).body("items.userId", contains(bob, dave));
    }

    @Test
    void strangersAreRefusedAndUnknownGoalsAre404() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        String goalId = goal(alice, paiId, "跑步");
        String stranger = "stranger-" + paiId;

        as(stranger).body("{\"kind\":\"FITNESS\",\"title\":\"x\",\"cadence\":\"DAILY\"}").post(goals(paiId))
                .then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(stranger).get(goals(paiId)).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(stranger).get("/api/agents/goals/" + goalId).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(stranger).post(checkins(goalId)).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        as(stranger).get(board(goalId)).then().statusCode(403).body("code", equalTo("NOT_A_MEMBER"));
        assertThat(checkinRows(goalId, stranger)).isZero();

        String unknown = UUID.randomUUID().toString();
        as(alice).get("/api/agents/goals/" + unknown).then().statusCode(404).body("code", equalTo("GOAL_NOT_FOUND"));
        as(alice).post(checkins(unknown)).then().statusCode(404).body("code", equalTo("GOAL_NOT_FOUND"));
        as(alice).get(board(unknown)).then().statusCode(404).body("code", equalTo("GOAL_NOT_FOUND"));
        given().get("/api/agents/goals/" + goalId).then().statusCode(401);
    }

    @Test
    void badInputIs400NamingTheFieldAndStoresNothing() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        Map<String, String> good = Map.of("kind", "\"FITNESS\"", "title", "\"跑步\"", "cadence", "\"DAILY\"");
        List<Object[]> cases = List.of(
                new Object[] { "kind", "\"RUNNING\"" },
                new Object[] { "kind", null },
                new Object[] { "title", null },
                new Object[] { "title", "\"   \"" },
                new Object[] { "title", "\"" + "长".repeat(101) + "\"" },
                new Object[] { "title", "\"a\\u0000b\"" },
                new Object[] { "cadence", "\"MONTHLY\"" },
                new Object[] { "cadence", null },
                new Object[] { "remindAt", "\"25:00\"" },
                new Object[] { "remindAt", "\"7:30\"" },
                new Object[] { "remindAt", "\"07:30:00\"" },
                new Object[] { "remindAt", "730" },
                new Object[] { "timezone", "\"Mars/Olympus\"" },
                new Object[] { "timezone", "\"+08:00\"" },
                new Object[] { "tag", "\"#a b\"" },
                new Object[] { "restDays", "[\"MONDAY\",\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"]" },
                new Object[] { "restDays", "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"]" },
                new Object[] { "restDays", "[null]" },
                new Object[] { "color", "\"red\"" });
        for (Object[] bad : cases) {
            String field = (String) bad[0];
            StringBuilder body = new StringBuilder("{");
            good.forEach((name, value) -> {
                if (!name.equals(field)) {
                    body.append('"').append(name).append("\":").append(value).append(',');
                }
            });
            if (bad[1] != null) {
                body.append('"').append(field).append("\":").append(bad[1]).append(',');
            }
            body.setLength(body.length() - 1);
            body.append('}');
            as(alice).body(body.toString()).post(goals(paiId)).then().log().ifValidationFails()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
        }
        as(alice).body("{\"kind\":\"READING\",\"title\":\"书\",\"cadence\":\"WEEKLY\",\"restDays\":[\"SUNDAY\"]}")
                .post(goals(paiId)).then().statusCode(400).body("field", equalTo("restDays"));
        as(alice).body("{\"kind\":\"FITNESS\",\"title\":\"跑步\",\"cadence\":\"DAILY\",\"restDays\":[\"FUNDAY\"]}")
                .post(goals(paiId)).then().statusCode(400).body("field", equalTo("restDays[0]"));
        as(alice).queryParam("limit", 0).get(goals(paiId)).then().statusCode(400).body("field", equalTo("limit"));
        as(alice).get(goals(paiId)).then().statusCode(200).body("items", empty());

        String goalId = goal(alice, paiId, "跑步");
        as(alice).body("{\"note\":\"" + "x".repeat(501) + "\"}").post(checkins(goalId)).then().statusCode(400)
                .body("field", equalTo("note"));
        as(alice).body("{\"mediaId\":\"../etc/passwd\"}").post(checkins(goalId)).then().statusCode(400)
                .body("field", equalTo("mediaId"));
        as(alice).body("{\"note\":5}").post(checkins(goalId)).then().statusCode(400).body("field", equalTo("note"));
        as(alice).queryParam("afterRank", -1).get(board(goalId)).then().statusCode(400).body("field", equalTo("afterRank"));
        assertThat(checkinRows(goalId, alice)).isZero();
    }

    @Test
    void aChatCheckInAnswersThroughTheOutboxOncePerMessage() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        String running = goal(alice, paiId, "晨跑");
        goal(alice, paiId, "Read 20 pages"); // the newest goal: a message naming none would check in here
        Instant now = Instant.now();

        AgentReplyRequested checkedIn = answeredInTransaction(paiId,
                new Utterance(11, alice, SenderKind.USER, MessageKind.IMAGE, "晨跑打卡 #打卡", "media-1", List.of(), null, now));
        assertThat(checkedIn.kind()).isEqualTo(AgentReplyKind.CHECKIN);
        assertThat(checkedIn.agentId()).isEqualTo(SupervisorService.AGENT);
        assertThat(checkedIn.replyToSeq()).isEqualTo(11);
        assertThat(checkedIn.text()).startsWith(alice + " 打卡成功").contains("连续 1 天").contains("累计 1 次");
        assertThat(checkedIn.card().checkin().goalId()).isEqualTo(running);
        assertThat(checkedIn.card().checkin().userId()).isEqualTo(alice);
        assertThat(checkedIn.card().checkin().total()).isEqualTo(1);

        AgentReplyRequested already = answeredInTransaction(paiId, Utterance.said(12, alice, "晨跑 #打卡 again", now));
        assertThat(already.kind()).isEqualTo(AgentReplyKind.TEXT);
        assertThat(already.replyToSeq()).isEqualTo(12);
        assertThat(already.text()).contains(alice).contains("今天已经打过卡了");
        assertThat(checkinRows(running, alice)).isEqualTo(1);

        // The first message again, as a redelivery would bring it: the same answer, and no second check-in.
        var again = QuarkusTransaction.requiringNew().call(() -> agent.answer(paiId,
                new Utterance(11, alice, SenderKind.USER, MessageKind.IMAGE, "晨跑打卡 #打卡", "media-1", List.of(), null, now),
                List.of(), Counters.none(), TURN));
        assertThat(again).get().extracting(AgentReplies.Reply::kind).isEqualTo(AgentReplyKind.CHECKIN);
        assertThat(checkinRows(running, alice)).isEqualTo(1);
        assertThat(answerInTransaction(paiId, Utterance.said(13, alice, "今天天气不错", now))).isFalse();

        AgentReplyRequested english = answeredInTransaction(paiId, Utterance.said(14, alice, "checked in", now));
        assertThat(english.text()).isEqualTo(alice + " checked in! 1-day streak, 1 in total");
        assertThat(english.card().checkin().title()).isEqualTo("Read 20 pages");
        String mediaId = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select media_id from goal_checkin where goal_id = ?1").setParameter(1, running)
                .getSingleResult());
        assertThat(mediaId).isEqualTo("media-1");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_agent_checkins_total{outcome=\"ok\",source=\"CHAT\"}"))
                .body(containsString("pai_agent_checkins_total{outcome=\"already\",source=\"CHAT\"}"));
    }

    @Test
    void aReminderFiresOncePerPeriodAndNamesWhoHasNotCheckedIn() {
        String paiId = UUID.randomUUID().toString();
        String alice = member(paiId, "alice");
        String bob = member(paiId, "bob");
        String carol = member(paiId, "carol");
        String owner = switchSupervisorOn(paiId);
        String goalId = as(alice).body("{\"kind\":\"FITNESS\",\"title\":\"夜跑\",\"cadence\":\"DAILY\",\"remindAt\":\"21:00\"}")
                .post(goals(paiId)).then().statusCode(201).extract().path("id");
        // Days far from the real clock, so the running scheduler never reminds these periods itself.
        chatCheckIn(paiId, 1, alice, "2030-03-04T20:00");

        try (TopicWatcher replies = TopicWatcher.watch(Topics.AGENT_REPLIES)) {
            reminders.remindDue(shanghai("2030-03-04T20:59"));
            assertThat(reminderRows(goalId)).isZero();

            reminders.remindDue(shanghai("2030-03-04T21:30"));
            reminders.remindDue(shanghai("2030-03-04T21:30"));
            String first = "reminder:" + goalId + ":2030-03-04";
            AgentReplyRequested reminder = reply(replies, first);
            assertThat(reminder.kind()).isEqualTo(AgentReplyKind.TEXT);
            assertThat(reminder.agentId()).isEqualTo(SupervisorService.AGENT);
            assertThat(reminder.text()).contains("夜跑").contains("@" + bob).contains("@" + carol).doesNotContain(alice);

            chatCheckIn(paiId, 2, alice, "2030-03-05T08:00");
            chatCheckIn(paiId, 3, bob, "2030-03-05T12:00");
            reminders.remindDue(shanghai("2030-03-05T22:00"));
            reminders.remindDue(shanghai("2030-03-05T23:59"));
            String second = "reminder:" + goalId + ":2030-03-05";
            AgentReplyRequested next = reply(replies, second);
            assertThat(next.text()).contains("@" + carol).doesNotContain(alice).doesNotContain(bob);

            chatCheckIn(paiId, 4, alice, "2030-03-06T07:00");
            chatCheckIn(paiId, 5, bob, "2030-03-06T07:00");
            chatCheckIn(paiId, 6, carol, "2030-03-06T07:00");
            chatCheckIn(paiId, 7, owner, "2030-03-06T07:00");
            reminders.remindDue(shanghai("2030-03-06T21:00"));
            String silent = "reminder:" + goalId + ":2030-03-06";
            List<String> ids = replies.drain(Duration.ofSeconds(3)).stream().map(GoalsTest::replyIdOf).toList();
            assertThat(ids).containsOnlyOnce(first, second).doesNotContain(silent);
        }
        assertThat(reminderRows(goalId)).isEqualTo(3);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pai_agent_reminders_total{outcome=\"sent\"}"))
                .body(containsString("pai_agent_reminders_total{outcome=\"everyone_checked_in\"}"));
    }

    private void chatCheckIn(String paiId, long seq, String userId, String localTime) {
        assertThat(answerInTransaction(paiId, Utterance.said(seq, userId, "#打卡", shanghai(localTime)))).isTrue();
    }

    /** Answers a message as the orchestrator would give the supervisor its turn, posting what it says. */
    private boolean answerInTransaction(String paiId, Utterance message) {
        return QuarkusTransaction.requiringNew().call(() -> answer(paiId, message));
    }

    private boolean answer(String paiId, Utterance message) {
        var reply = agent.answer(paiId, message, List.of(), Counters.none(), TURN);
        reply.ifPresent(said -> replies.post(OrchestrationService.replyId(paiId, message.seq(), SupervisorService.AGENT),
                paiId, said));
        return reply.isPresent();
    }

    /** Answers a message and reads, in the same transaction, the reply it put in the outbox. */
    private AgentReplyRequested answeredInTransaction(String paiId, Utterance message) {
        String payload = QuarkusTransaction.requiringNew().call(() -> {
            assertThat(answer(paiId, message)).isTrue();
            return (String) entityManager.createNativeQuery("select payload from outbox_event where event_id = ?1")
                    .setParameter(1, AgentReplies.eventIdOf(OrchestrationService.replyId(paiId, message.seq(),
                            SupervisorService.AGENT))).getSingleResult();
        });
        return (AgentReplyRequested) EventJson.read(payload).data();
    }

    private static AgentReplyRequested reply(TopicWatcher replies, String replyId) {
        return (AgentReplyRequested) replies.await(event -> replyId.equals(replyIdOf(event)), PUBLISHED).data();
    }

    private static String replyIdOf(EventEnvelope<? extends EventData> event) {
        return event.data() instanceof AgentReplyRequested reply ? reply.replyId() : null;
    }

    private long checkinRows(String goalId, String userId) {
        return count("select count(*) from goal_checkin where goal_id = ?1 and user_id = ?2", goalId, userId);
    }

    private long reminderRows(String goalId) {
        return count("select count(*) from goal_reminder where goal_id = ?1", goalId);
    }

    private long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    private static String goal(String userId, String paiId, String title) {
        return as(userId).body("{\"kind\":\"CUSTOM\",\"title\":\"" + title + "\",\"cadence\":\"DAILY\"}")
                .post(goals(paiId)).then().statusCode(201).extract().path("id");
    }

    /** Reminders go only to pais that have the supervisor on: its owner switches it on. */
    private static String switchSupervisorOn(String paiId) {
        String owner = "owner-" + paiId.substring(0, 8);
        PaiMembers.announce(paiId, MemberRole.OWNER, owner);
        as(owner).body("{\"enabled\":true}").put("/api/agents/pais/" + paiId + "/agents/" + SupervisorService.AGENT)
                .then().statusCode(200);
        return owner;
    }

    /** Makes a member of the pai as chat-service announces one; the user id is unique to the pai. */
    private static String member(String paiId, String name) {
        String userId = name + "-" + paiId.substring(0, 8);
        PaiMembers.announce(paiId, MemberRole.MEMBER, userId);
        return userId;
    }

    private static Instant shanghai(String localTime) {
        return LocalDateTime.parse(localTime).atZone(SHANGHAI).toInstant();
    }

    private static String goals(String paiId) {
        return "/api/agents/pais/" + paiId + "/goals";
    }

    private static String checkins(String goalId) {
        return "/api/agents/goals/" + goalId + "/checkins";
    }

    private static String board(String goalId) {
        return "/api/agents/goals/" + goalId + "/board";
    }

}
