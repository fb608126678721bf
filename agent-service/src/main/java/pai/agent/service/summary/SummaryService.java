package pai.agent.service.summary;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import pai.agent.domain.ChatLine;
import pai.agent.domain.PaiAgent;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies;
import pai.agent.service.PaiAgentService;
import pai.agent.service.model.ModelBackend;
import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.SummaryCard;
import pai.platform.error.InvalidFieldException;
import pai.platform.membership.Memberships;

/**
 * Summaries of a pai's talk: on request (REST), for the summarizer's turns, and the opt-in daily digest.
 * The key points always come from the offline engine, so they are sentences people really said; a
 * configured model only rewrites the summary's prose, and when it fails the engine's text stands.
 */
@ApplicationScoped
public class SummaryService {
    private static final Logger LOG = Logger.getLogger(SummaryService.class);
    /** Sentences in a summary: more and nobody reads it. */
    static final int KEY_POINTS = 6;
    /** A summary reads at most this many messages: the latest ones. */
    static final int MAX_MESSAGES = 1000;
    /** A summary asked for right after the last one still covers this many messages. */
    static final int AT_LEAST = 50;
    static final String INSTRUCTIONS = "You summarise a group chat for its members. Write at most six short sentences "
            + "in the chat's language, name who said each point, keep decisions, dates, places and open questions, "
            + "skip greetings and jokes. Use only what the messages say.";

    private final Summarizer summarizer;
    private final Memberships memberships;
    private final ModelBackend model;
    private final AgentReplies replies;
    private final ObjectMapper json;

    public SummaryService(Summarizer summarizer, Memberships memberships, ModelBackend model, AgentReplies replies,
            ObjectMapper json) {
        this.summarizer = summarizer;
        this.memberships = memberships;
        this.model = model;
        this.replies = replies;
        this.json = json;
    }

    /** A summary and the text that presents it (the model's, when one answered). */
    public record Summarized(Summary summary, String text) {
    }

    /** {@code POST /pais/{paiId}/summary}: the last {@code lastN} messages, or those after {@code sinceSeq}. */
    @Transactional
    public Summary forMember(String userId, String paiId, Integer lastN, Long sinceSeq) {
        memberships.requireMember(paiId, userId);
        if (lastN != null && sinceSeq != null) {
            throw new InvalidFieldException("sinceSeq", "give lastN or sinceSeq, not both");
        }
        long last = ChatLine.lastSeq(paiId);
        long from = sinceSeq != null ? sinceSeq + 1 : last - (lastN != null ? lastN : 200) + 1;
        return summarizer.summarize(talk(paiId, from, last), KEY_POINTS);
    }

    /** What came after the last summary up to {@code toSeq}, at least the last {@value #AT_LEAST} messages. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Summarized sinceLast(String paiId, long lastSummarizedSeq, long toSeq) {
        return present(paiId, talk(paiId, Math.min(lastSummarizedSeq + 1, toSeq - AT_LEAST + 1), toSeq));
    }

    /** The messages from {@code fromSeq} to {@code toSeq}, the latest {@value #MAX_MESSAGES} of them at most. */
    private static List<Utterance> talk(String paiId, long fromSeq, long toSeq) {
        long from = Math.max(Math.max(1, fromSeq), toSeq - MAX_MESSAGES + 1);
        return ChatLine.range(paiId, from, toSeq, MAX_MESSAGES);
    }

    private Summarized present(String paiId, List<Utterance> lines) {
        Summary summary = summarizer.summarize(lines, KEY_POINTS);
        if (summary.keyPoints().isEmpty() || !model.configured()) {
            return new Summarized(summary, summary.text());
        }
        List<Utterance> latest = lines.subList(Math.max(0, lines.size() - 200), lines.size());
        String text = model.complete(paiId, SummarizerAgent.ID, INSTRUCTIONS, latest,
                "Summarise messages #" + summary.fromSeq() + " to #" + summary.toSeq() + ".")
                .map(prose -> "#" + summary.fromSeq() + "–#" + summary.toSeq() + "\n" + prose)
                .orElse(summary.text());
        return new Summarized(summary, text);
    }

    /**
     * The daily digest of the pais whose summarizer has {@code digestAt}: once the local time passes it, the
     * day's talk so far as a SUMMARY, once per pai and day (the digest row and the outbox row commit together).
     */
    @Scheduled(every = "30s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void postDigests() {
        postDigestsAt(Instant.now());
    }

    @Transactional
    void postDigestsAt(Instant now) {
        for (PaiAgent setting : PaiAgent.enabledFor(SummarizerAgent.ID)) {
            JsonNode settings = read(setting);
            if (!settings.hasNonNull(PaiAgentService.DIGEST_AT)) {
                continue;
            }
            ZoneId zone = ZoneId.of(settings.path(PaiAgentService.TIMEZONE).asText("Asia/Shanghai"));
            ZonedDateTime local = now.atZone(zone);
            LocalDate day = local.toLocalDate();
            if (local.toLocalTime().isBefore(LocalTime.parse(settings.get(PaiAgentService.DIGEST_AT).asText()))
                    || !firstDigest(setting.paiId, day, now)) {
                continue;
            }
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            List<Utterance> today = ChatLine.<ChatLine>list("paiId = ?1 and createdAt >= ?2 and createdAt <= ?3 order by seq",
                    setting.paiId, dayStart, now).stream().map(ChatLine::utterance).toList();
            Summarized digest = present(setting.paiId, today.subList(Math.max(0, today.size() - MAX_MESSAGES), today.size()));
            if (digest.summary().keyPoints().isEmpty()) {
                continue;
            }
            Summary summary = digest.summary();
            replies.post("digest:" + setting.paiId + ":" + day, setting.paiId, new AgentReplies.Reply(SummarizerAgent.ID,
                    AgentReplyKind.SUMMARY, digest.text(), null, null,
                    AgentCard.of(new SummaryCard(summary.fromSeq(), summary.toSeq(), summary.keyPoints()))));
        }
    }

    private static boolean firstDigest(String paiId, LocalDate day, Instant now) {
        return ChatLine.getEntityManager().createNativeQuery(
                "insert into summary_digest (pai_id, day, sent_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, paiId).setParameter(2, day).setParameter(3, now).executeUpdate() == 1;
    }

    private JsonNode read(PaiAgent setting) {
        try {
            return json.readTree(setting.settings);
        } catch (JsonProcessingException e) {
            LOG.warnf("pai %s has unreadable summarizer settings", setting.paiId);
            return json.createObjectNode();
        }
    }
}
