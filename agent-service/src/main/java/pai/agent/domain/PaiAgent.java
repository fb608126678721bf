package pai.agent.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An agent switched on or off in one pai, with its settings as a JSON object. */
@Entity
@Table(name = "pai_agent")
@IdClass(PaiAgent.Key.class)
public class PaiAgent extends PanacheEntityBase {
    @Id
    public String paiId;
    @Id
    public String agentId;
    public boolean enabled;
    public String settings;
    public String updatedBy;
    public Instant updatedAt;

    public record Key(String paiId, String agentId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static Optional<PaiAgent> find(String paiId, String agentId) {
        return findByIdOptional(new Key(paiId, agentId));
    }

    public static List<PaiAgent> ofPai(String paiId) {
        return list("paiId", paiId);
    }

    /** The pais that have this agent on, with their settings for it. */
    public static List<PaiAgent> enabledFor(String agentId) {
        return list("agentId = ?1 and enabled = true", agentId);
    }
}
