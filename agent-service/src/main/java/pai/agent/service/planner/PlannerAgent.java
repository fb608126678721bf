package pai.agent.service.planner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import pai.agent.domain.PaiPlan;
import pai.agent.domain.Utterance;
import pai.agent.service.AgentReplies.Reply;
import pai.agent.service.orchestration.Agent;
import pai.agent.service.orchestration.Counters;
import pai.agent.service.orchestration.Decision.Turn;
import pai.agent.service.orchestration.SlashCommand;
import pai.agent.service.text.ChatText;
import pai.events.agent.AgentCard;
import pai.events.agent.AgentReplyKind;
import pai.events.agent.PlanCard;
import pai.events.agent.PlanItem;
import pai.platform.time.LocalTimeFields;

/**
 * Turns planning talk into a checklist — date, time, place, who brings what — and keeps one plan per
 * pai up to date as the talk changes it. Unprompted, it speaks only when the plan really changed, so a
 * group going on about the same meet-up hears it once.
 */
@ApplicationScoped
public class PlannerAgent implements Agent {
    public static final String ID = "planner";
    private static final SlashCommand COMMAND = SlashCommand.of("plan", "计划");
    private static final ZoneId DEFAULT_ZONE = ZoneId.of(LocalTimeFields.DEFAULT_TIMEZONE);
    /** Talk older than this belongs to an earlier plan. */
    private static final int TALK = 30;

    private final PlanExtractor extractor;
    private final ObjectMapper json;

    public PlannerAgent(PlanExtractor extractor, ObjectMapper json) {
        this.extractor = extractor;
        this.json = json;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean commandedBy(Utterance message) {
        return COMMAND.in(message);
    }

    @Override
    public double score(Utterance message, List<Utterance> recent, Counters counters) {
        return extractor.planningScore(message);
    }

    @Override
    public Optional<Reply> answer(String paiId, Utterance message, List<Utterance> recent, Counters counters,
            Turn turn) {
        List<Utterance> talk = new ArrayList<>(recent.subList(Math.max(0, recent.size() - TALK), recent.size()));
        talk.add(message);
        Optional<PaiPlan> stored = PaiPlan.latest(paiId);
        PlanDraft previous = stored.map(this::draftOf).orElse(null);
        Optional<PlanDraft> draft = extractor.extract(talk, previous, DEFAULT_ZONE);
        if (draft.isEmpty()) {
            return turn.prompted()
                    ? Optional.of(Reply.text(ID, ChatText.hasChinese(message.text())
                            ? "还没看出计划：说说时间和地点吧，比如“周六八点北宫门集合”。"
                            : "I don't see a plan yet: say when and where, e.g. \"let's meet Friday 7pm at Joe's\".",
                            message.seq()))
                    : Optional.empty();
        }
        PlanDraft plan = draft.get();
        boolean changed = previous == null || !sameContent(previous, plan);
        if (!changed && !turn.prompted()) {
            return Optional.empty();
        }
        PaiPlan saved = stored.filter(existing -> !startsAnew(existing, plan)).orElseGet(() -> newPlan(paiId));
        if (changed || saved.version == 0) {
            saved.version++;
        }
        saved.date = plan.date();
        saved.time = plan.time();
        saved.place = plan.place();
        saved.items = write(plan.items());
        saved.fromSeq = Math.min(saved.fromSeq == 0 ? plan.fromSeq() : saved.fromSeq, plan.fromSeq());
        saved.toSeq = message.seq();
        saved.updatedAt = Instant.now();
        saved.persist();
        PlanCard card = new PlanCard(saved.id, saved.version, plan.date(), plan.time(), plan.place(), plan.items(),
                saved.fromSeq, saved.toSeq);
        return Optional.of(new Reply(ID, AgentReplyKind.TEXT, checklist(card, ChatText.hasChinese(message.text())), null, message.seq(),
                AgentCard.of(card)));
    }

    /** A plan for a day already past is done: new talk starts a new one. */
    private static boolean startsAnew(PaiPlan existing, PlanDraft plan) {
        return existing.date != null && plan.date() != null && existing.date.isBefore(LocalDate.now(DEFAULT_ZONE))
                && !existing.date.equals(plan.date());
    }

    private static boolean sameContent(PlanDraft a, PlanDraft b) {
        return Objects.equals(a.date(), b.date()) && Objects.equals(a.time(), b.time())
                && Objects.equals(a.place(), b.place()) && a.items().equals(b.items());
    }

    private static PaiPlan newPlan(String paiId) {
        PaiPlan plan = new PaiPlan();
        plan.id = UUID.randomUUID().toString();
        plan.paiId = paiId;
        return plan;
    }

    static String checklist(PlanCard plan, boolean chinese) {
        StringBuilder text = new StringBuilder(chinese ? "📋 计划" : "📋 Plan");
        if (plan.version() > 1) {
            text.append(chinese ? "（第 " + plan.version() + " 版）" : " (v" + plan.version() + ")");
        }
        String when = (plan.date() == null ? "" : plan.date().format(DateTimeFormatter.ofPattern(
                chinese ? "M月d日 EEE" : "EEE d MMM", chinese ? Locale.CHINA : Locale.ENGLISH)))
                + (plan.time() == null ? "" : " " + plan.time());
        text.append('\n').append(chinese ? "☐ 时间：" : "☐ When: ").append(when.isBlank() ? "?" : when.trim());
        text.append('\n').append(chinese ? "☐ 地点：" : "☐ Where: ").append(plan.place() == null ? "?" : plan.place());
        for (PlanItem item : plan.items()) {
            text.append("\n☐ ").append(item.what()).append(" — ")
                    .append(item.who() == null ? (chinese ? "谁带？" : "who brings it?") : item.who());
        }
        return text.toString();
    }

    private PlanDraft draftOf(PaiPlan plan) {
        return new PlanDraft(plan.date, plan.time, plan.place, read(plan.items), plan.fromSeq, plan.toSeq);
    }

    private String write(List<PlanItem> items) {
        try {
            return json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan items", e);
        }
    }

    private List<PlanItem> read(String items) {
        try {
            return json.readValue(items, new TypeReference<List<PlanItem>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan items are not JSON", e);
        }
    }
}
