package pai.agent.service.supervisor;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import pai.agent.domain.Cadence;
import pai.agent.domain.CheckinSource;
import pai.agent.domain.Goal;
import pai.agent.domain.GoalCheckin;
import pai.agent.domain.PaiAgent;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentCatalog;
import pai.agent.service.AgentReplies;
import pai.agent.service.supervisor.Streaks.Standing;
import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.CheckinCard;
import pai.events.chat.MessageKind;
import pai.platform.error.InvalidFieldException;
import pai.platform.membership.MembershipCopy;
import pai.platform.membership.Memberships;
import pai.platform.paging.Page;
import pai.platform.persistence.Ids;
import pai.platform.time.LocalTimeFields;

/**
 * The supervisor: goals, check-ins (from the API and from the chat), boards and reminders. Every
 * check-in and every reminder is announced in the pai through the outbox, in the transaction that
 * stores it, so the chat shows exactly what was stored.
 */
@ApplicationScoped
public class SupervisorService {
    public static final String AGENT = "supervisor";
    static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern TAG = Pattern.compile("#[\\p{L}\\p{N}_]{1,31}");
    private static final Pattern NOT_IN_TAG = Pattern.compile("[^\\p{L}\\p{N}_]");
    private static final int TAG_LETTERS = 31;

    private final AgentReplies replies;
    private final AgentCatalog catalog;
    private final Memberships memberships;
    private final MeterRegistry registry;

    public SupervisorService(AgentReplies replies, AgentCatalog catalog, Memberships memberships,
            MeterRegistry registry) {
        this.replies = replies;
        this.catalog = catalog;
        this.memberships = memberships;
        this.registry = registry;
    }

    /** Any member of the pai may set a goal for it. */
    @Transactional
    public GoalInfo createGoal(String userId, String paiId, NewGoal request) {
        memberships.requireMember(paiId, userId);
        Goal goal = new Goal();
        goal.id = UUID.randomUUID().toString();
        goal.paiId = paiId;
        goal.kind = request.kind();
        goal.title = request.title().strip();
        goal.tag = request.tag() == null ? tagFrom(goal.title, goal.kind.name()) : checkedTag(request.tag());
        goal.cadence = request.cadence();
        goal.remindAt = request.remindAt() == null ? null : LocalTimeFields.timeOfDay("remindAt", request.remindAt());
        goal.timezone = LocalTimeFields.zone("timezone", request.timezone());
        goal.restDays(restDays(request.cadence(), request.restDays()));
        goal.createdBy = userId;
        // PostgreSQL keeps microseconds: the answer shows what is stored, and cursors compare equal.
        goal.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        goal.persist();
        return GoalInfo.of(goal);
    }

    /** A pai's goals, newest first; {@code beforeGoalId} is the last goal of the previous page. */
    public Page<GoalInfo> goals(String userId, String paiId, String beforeGoalId, int limit) {
        memberships.requireMember(paiId, userId);
        List<Goal> fetched;
        if (beforeGoalId == null) {
            fetched = Goal.find("paiId", Goal.newestFirst(), paiId).page(0, limit + 1).list();
        } else {
            Goal cursor = Ids.storable(beforeGoalId) ? Goal.findById(beforeGoalId) : null;
            if (cursor == null || !cursor.paiId.equals(paiId)) {
                throw new InvalidFieldException("beforeGoalId", "not a goal of this pai");
            }
            fetched = Goal.find("paiId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))", Goal.newestFirst(),
                    paiId, cursor.createdAt, cursor.id).page(0, limit + 1).list();
        }
        return Page.ofOneExtra(fetched.stream().map(GoalInfo::of).toList(), limit);
    }

    public GoalInfo goal(String userId, String goalId) {
        Goal goal = goalOf(goalId);
        memberships.requireMember(goal.paiId, userId);
        return GoalInfo.of(goal);
    }

    /** Checks the caller in for the current period; a second check-in in the period is refused and stores nothing. */
    @Transactional
    public CheckinResult checkIn(String userId, String goalId, String note, String mediaId) {
        Goal goal = goalOf(goalId);
        memberships.requireMember(goal.paiId, userId);
        Instant now = Instant.now();
        GoalCheckin checkin = checkin(goal, userId, now, note, mediaId, CheckinSource.REST, null);
        if (!checkin.insertOnce()) {
            count(CheckinSource.REST, "already");
            throw new SupervisorRefusals.AlreadyCheckedIn(goalId, checkin.period.toString());
        }
        Standing standing = standing(goal, userId, checkin.period);
        // The group sees a check-in made in the app, as it sees one made in the chat.
        replies.post("checkin:" + checkin.id, goal.paiId, new AgentReplies.Reply(AGENT, AgentReplyKind.CHECKIN,
                SupervisorTexts.checkedIn(userId, goal.cadence, standing, SupervisorTexts.english(goal.title)), null, null,
                AgentCard.of(card(goal, userId, standing))));
        count(CheckinSource.REST, "ok");
        return new CheckinResult(checkin.id, goal.id, userId, checkin.period, standing.streak(), standing.total(),
                standing.freezes());
    }

    /**
     * The members of the goal's pai with their streaks, best first: longest streak, then most
     * check-ins, then user id. {@code afterRank} is the last rank of the previous page.
     */
    public Page<BoardEntry> board(String userId, String goalId, int afterRank, int limit) {
        Goal goal = goalOf(goalId);
        memberships.requireMember(goal.paiId, userId);
        LocalDate current = Streaks.periodOf(Instant.now(), goal.zone(), goal.cadence);
        Map<String, List<LocalDate>> periods = new HashMap<>();
        for (Object[] row : GoalCheckin.periodsByMember(goal.id)) {
            periods.computeIfAbsent((String) row[0], member -> new ArrayList<>()).add((LocalDate) row[1]);
        }
        record Line(String userId, Standing standing, boolean checkedIn) {
        }
        List<Line> lines = people(goal.paiId).stream().map(member -> {
            List<LocalDate> of = periods.getOrDefault(member, List.of());
            return new Line(member, Streaks.standing(goal.cadence, goal.restDaySet(), of, current), of.contains(current));
        }).sorted(Comparator.comparingInt((Line line) -> line.standing().streak()).reversed()
                .thenComparing(Comparator.comparingInt((Line line) -> line.standing().total()).reversed())
                .thenComparing(Line::userId)).toList();
        List<BoardEntry> page = new ArrayList<>();
        for (int rank = afterRank + 1; rank <= lines.size() && page.size() <= limit; rank++) {
            Line line = lines.get(rank - 1);
            page.add(new BoardEntry(rank, line.userId(), line.standing().streak(), line.standing().total(),
                    line.standing().freezes(), line.checkedIn()));
        }
        return Page.ofOneExtra(page, limit);
    }

    /**
     * Checks a person in from a chat message, if the message is a check-in (see {@link ChatCheckins}):
     * to the goal it names, else the pai's only goal, else its newest. The period is the one the
     * message was said in. A second check-in in the period is no error in the chat: the outcome says so.
     * The sender's membership is not looked up: chat-service accepted the message from a member,
     * and agent-service's copy of the members may lag behind the messages.
     */
    @Transactional
    public Optional<CheckinOutcome> checkInFromChat(String paiId, Utterance message) {
        if (!ChatCheckins.mayCheckIn(message)) {
            return Optional.empty();
        }
        Optional<Goal> named = ChatCheckins.goalFor(message, Goal.ofPai(paiId));
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Goal goal = named.get();
        String userId = message.senderId();
        Instant at = message.at() == null ? Instant.now() : message.at();
        String mediaId = message.kind() == MessageKind.IMAGE ? message.mediaId() : null;
        GoalCheckin checkin = checkin(goal, userId, at, null, mediaId, CheckinSource.CHAT, message.seq());
        boolean stored = checkin.insertOnce();
        Standing standing = standing(goal, userId, checkin.period);
        CheckinCard card = card(goal, userId, standing);
        boolean english = SupervisorTexts.english(goal.title, message.text());
        if (stored) {
            count(CheckinSource.CHAT, "ok");
            return Optional.of(new CheckinOutcome(CheckinOutcome.Result.CHECKED_IN, goal.id, userId,
                    SupervisorTexts.checkedIn(userId, goal.cadence, standing, english), card));
        }
        GoalCheckin earlier = GoalCheckin.of(goal.id, userId, checkin.period);
        if (earlier.source == CheckinSource.CHAT && Long.valueOf(message.seq()).equals(earlier.messageSeq)) {
            return Optional.of(new CheckinOutcome(CheckinOutcome.Result.REPEATED, goal.id, userId,
                    SupervisorTexts.checkedIn(userId, goal.cadence, standing, english), card));
        }
        count(CheckinSource.CHAT, "already");
        return Optional.of(new CheckinOutcome(CheckinOutcome.Result.ALREADY_CHECKED_IN, goal.id, userId,
                SupervisorTexts.alreadyCheckedIn(userId, goal.cadence, standing, english), card));
    }

    /** A goal whose reminder may be due: what {@link Reminders} reads each tick. */
    public record ReminderCandidate(String goalId, Cadence cadence, ZoneId zone, Set<DayOfWeek> restDays,
            LocalTime remindAt, Instant createdAt) {
    }

    /** Goals with a reminder time in pais that have the supervisor on: a pai that switched it off hears nothing. */
    public List<ReminderCandidate> reminderCandidates() {
        Set<String> supervised = PaiAgent.enabledFor(AGENT).stream().map(setting -> setting.paiId).collect(Collectors.toSet());
        return Goal.withReminders().stream()
                .filter(goal -> supervised.contains(goal.paiId))
                .map(goal -> new ReminderCandidate(goal.id, goal.cadence, goal.zone(), goal.restDaySet(), goal.remindAt,
                        goal.createdAt))
                .toList();
    }

    /** The (goalId, period) pairs whose reminder was sent, for periods from {@code since} on. */
    @SuppressWarnings("unchecked")
    public Set<String> remindedSince(LocalDate since) {
        List<Object[]> rows = Goal.getEntityManager()
                .createNativeQuery("select goal_id, period from goal_reminder where period >= ?1")
                .setParameter(1, since).getResultList();
        Set<String> sent = new HashSet<>();
        for (Object[] row : rows) {
            sent.add(reminderKey((String) row[0], toLocalDate(row[1])));
        }
        return sent;
    }

    static String reminderKey(String goalId, LocalDate period) {
        return goalId + "@" + period;
    }

    /**
     * Sends a goal's reminder for one period unless some instance already did: the reminder row
     * and the reply commit together, and the row's key lets only one of two instances insert it.
     * It names the people of the pai who have not checked in; if everyone has, it says nothing and
     * the period is still done. True if a reminder was posted.
     */
    @Transactional
    public boolean remind(String goalId, LocalDate period, Instant now) {
        int inserted = Goal.getEntityManager()
                .createNativeQuery("insert into goal_reminder (goal_id, period, sent_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, goalId).setParameter(2, period).setParameter(3, now)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        Goal goal = Goal.findById(goalId);
        Set<String> checkedIn = new HashSet<>(GoalCheckin.membersIn(goalId, period));
        List<String> missing = people(goal.paiId).stream().filter(member -> !checkedIn.contains(member)).toList();
        if (missing.isEmpty()) {
            registry.counter("pai.agent.reminders", "outcome", "everyone_checked_in").increment();
            return false;
        }
        replies.post("reminder:" + goalId + ":" + period, goal.paiId, AgentReplies.Reply.text(AGENT,
                SupervisorTexts.reminder(goal.title, goal.cadence, missing, SupervisorTexts.english(goal.title)), null));
        registry.counter("pai.agent.reminders", "outcome", "sent").increment();
        return true;
    }

    private static GoalCheckin checkin(Goal goal, String userId, Instant at, String note, String mediaId,
            CheckinSource source, Long messageSeq) {
        GoalCheckin checkin = new GoalCheckin();
        checkin.id = UUID.randomUUID().toString();
        checkin.goalId = goal.id;
        checkin.userId = userId;
        checkin.period = Streaks.periodOf(at, goal.zone(), goal.cadence);
        checkin.note = note;
        checkin.mediaId = mediaId;
        checkin.source = source;
        checkin.messageSeq = messageSeq;
        checkin.createdAt = at;
        return checkin;
    }

    private static Standing standing(Goal goal, String userId, LocalDate current) {
        return Streaks.standing(goal.cadence, goal.restDaySet(), GoalCheckin.periods(goal.id, userId), current);
    }

    private static CheckinCard card(Goal goal, String userId, Standing standing) {
        return new CheckinCard(goal.id, goal.title, userId, standing.streak(), standing.total());
    }

    /** The people of a pai, by user id: pai_member lists members, and agents are never counted among them. */
    private List<String> people(String paiId) {
        return MembershipCopy.<MembershipCopy>list("paiId", paiId).stream().map(member -> member.userId)
                .filter(member -> catalog.find(member).isEmpty()).sorted().toList();
    }

    private void count(CheckinSource source, String outcome) {
        registry.counter("pai.agent.checkins", "source", source.name(), "outcome", outcome).increment();
    }

    private static Goal goalOf(String goalId) {
        Goal goal = Ids.storable(goalId) ? Goal.findById(goalId) : null;
        if (goal == null) {
            throw new SupervisorRefusals.GoalNotFound(goalId);
        }
        return goal;
    }

    private static Set<DayOfWeek> restDays(Cadence cadence, List<DayOfWeek> days) {
        if (days == null || days.isEmpty()) {
            return EnumSet.noneOf(DayOfWeek.class);
        }
        if (cadence != Cadence.DAILY) {
            throw new InvalidFieldException("restDays", "only a DAILY goal has rest days");
        }
        if (days.contains(null)) {
            throw new InvalidFieldException("restDays", "weekdays such as SATURDAY, no nulls");
        }
        Set<DayOfWeek> set = EnumSet.copyOf(days);
        if (set.size() == DayOfWeek.values().length) {
            throw new InvalidFieldException("restDays", "a goal cannot rest every day");
        }
        return set;
    }

    private static String checkedTag(String tag) {
        String stripped = tag.strip();
        String normalized = stripped.startsWith("#") ? stripped : "#" + stripped;
        if (!TAG.matcher(normalized).matches()) {
            throw new InvalidFieldException("tag", "a hashtag of 1 to 31 letters, digits or _, such as #跑步");
        }
        return normalized;
    }

    /** #跑步 from 跑步, #Read20pages from "Read 20 pages!"; a title of only signs gives the kind's name. */
    static String tagFrom(String title, String kind) {
        String letters = NOT_IN_TAG.matcher(title).replaceAll("");
        if (letters.isEmpty()) {
            letters = kind.toLowerCase(Locale.ROOT);
        }
        int end = letters.offsetByCodePoints(0, Math.min(TAG_LETTERS, letters.codePointCount(0, letters.length())));
        return "#" + letters.substring(0, end);
    }

    private static LocalDate toLocalDate(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return (LocalDate) value;
    }
}
