package pai.agent.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import pai.agent.domain.AgentProfile;
import pai.agent.domain.PaiAgent;
import pai.events.chat.MemberRole;
import pai.platform.error.InvalidFieldException;
import pai.platform.membership.MembershipCopy;
import pai.platform.membership.Memberships;
import pai.platform.time.LocalTimeFields;

/** Which agents a pai has on: members read it, the owner and admins change it. */
@ApplicationScoped
public class PaiAgentService {
    private final AgentCatalog catalog;
    private final Memberships memberships;
    private final ObjectMapper json;

    /** The score an agent's unprompted trigger must pass in this pai (0..1). */
    public static final String THRESHOLD = "threshold";
    /** The summarizer's opt-in daily digest: the local time it is posted at. */
    public static final String DIGEST_AT = "digestAt";
    public static final String TIMEZONE = "timezone";

    public PaiAgentService(AgentCatalog catalog, Memberships memberships, ObjectMapper json) {
        this.catalog = catalog;
        this.memberships = memberships;
        this.json = json;
    }

    /** An agent of the catalog as one pai has it: off, with no settings, until someone turns it on. */
    public record Setting(String agentId, String name, boolean enabled, Map<String, Object> settings, Instant updatedAt) {
    }

    @Transactional
    public Setting configure(String userId, String paiId, String agentId, boolean enabled, Map<String, Object> settings) {
        AgentProfile agent = catalog.find(agentId).orElseThrow(() -> new AgentRefusals.AgentNotFound(agentId));
        MembershipCopy member = memberships.requireMember(paiId, userId);
        if (member.role != MemberRole.OWNER && member.role != MemberRole.ADMIN) {
            throw new AgentRefusals.NotAnAdmin(paiId);
        }
        PaiAgent setting = PaiAgent.find(paiId, agentId).orElseGet(PaiAgent::new);
        setting.paiId = paiId;
        setting.agentId = agent.id();
        setting.enabled = enabled;
        setting.settings = write(checked(settings == null ? Map.of() : settings));
        setting.updatedBy = userId;
        setting.updatedAt = Instant.now();
        setting.persist();
        return view(agent, setting);
    }

    public List<Setting> ofPai(String userId, String paiId) {
        memberships.requireMember(paiId, userId);
        Map<String, PaiAgent> settings = PaiAgent.ofPai(paiId).stream()
                .collect(Collectors.toMap(s -> s.agentId, Function.identity()));
        return catalog.all().stream().map(agent -> view(agent, settings.get(agent.id()))).toList();
    }

    private Setting view(AgentProfile agent, PaiAgent setting) {
        if (setting == null) {
            return new Setting(agent.id(), agent.name(), false, Map.of(), null);
        }
        return new Setting(agent.id(), agent.name(), setting.enabled, read(setting.settings), setting.updatedAt);
    }

    /** The settings the agents read are checked here, so a bad one is a 400 rather than an agent that never speaks. */
    private static Map<String, Object> checked(Map<String, Object> settings) {
        Object threshold = settings.get(THRESHOLD);
        if (threshold != null && !(threshold instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() <= 1)) {
            throw new InvalidFieldException("settings." + THRESHOLD, "a number from 0 to 1");
        }
        Object digestAt = settings.get(DIGEST_AT);
        if (digestAt != null) {
            LocalTimeFields.timeOfDay("settings." + DIGEST_AT, digestAt instanceof String time ? time : "");
        }
        Object timezone = settings.get(TIMEZONE);
        if (timezone != null) {
            LocalTimeFields.zone("settings." + TIMEZONE, timezone instanceof String zone ? zone : "");
        }
        return settings;
    }

    private String write(Map<String, Object> settings) {
        try {
            String written = json.writeValueAsString(settings);
            if (written.length() > 4000) {
                throw new InvalidFieldException("settings", "at most 4000 characters of JSON");
            }
            return written;
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("settings", "not a JSON object");
        }
    }

    private Map<String, Object> read(String settings) {
        try {
            return json.readValue(settings, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not JSON", e);
        }
    }
}
