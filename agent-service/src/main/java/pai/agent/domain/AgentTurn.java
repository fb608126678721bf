package pai.agent.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A turn an agent took in a pai: it spoke about the message at {@code triggerSeq}, at that message's time. */
@Entity
@Table(name = "agent_turn")
@IdClass(AgentTurn.Key.class)
public class AgentTurn extends PanacheEntityBase {
    @Id
    public String paiId;
    @Id
    public long triggerSeq;
    @Id
    public String agentId;
    public String reason;
    public double score;
    public boolean prompted;
    public Instant saidAt;

    public record Key(String paiId, long triggerSeq, String agentId) implements Serializable {
        public Key() {
            this(null, 0, null);
        }
    }

    /** What the counters need, read in one pass over the pai's turns since {@code since}. */
    public record Recent(Map<String, Instant> lastUnpromptedAt, int inLastMinute) {
    }

    public static Recent recent(String paiId, Instant cooldownStart, Instant minuteStart) {
        List<AgentTurn> turns = list("paiId = ?1 and saidAt > ?2", paiId, cooldownStart.isBefore(minuteStart) ? cooldownStart : minuteStart);
        Map<String, Instant> lastUnprompted = new HashMap<>();
        int inMinute = 0;
        for (AgentTurn turn : turns) {
            if (!turn.prompted && turn.saidAt.isAfter(cooldownStart)) {
                lastUnprompted.merge(turn.agentId, turn.saidAt, (a, b) -> a.isAfter(b) ? a : b);
            }
            if (turn.saidAt.isAfter(minuteStart)) {
                inMinute++;
            }
        }
        return new Recent(lastUnprompted, inMinute);
    }

    public static Map<String, Long> lastAnsweredSeqs(String paiId) {
        Map<String, Long> seqs = new HashMap<>();
        getEntityManager().createQuery(
                "select t.agentId, max(t.triggerSeq) from AgentTurn t where t.paiId = ?1 group by t.agentId", Object[].class)
                .setParameter(1, paiId).getResultList()
                .forEach(row -> seqs.put((String) row[0], (Long) row[1]));
        return seqs;
    }

    public static boolean taken(String paiId, long triggerSeq, String agentId) {
        return findByIdOptional(new Key(paiId, triggerSeq, agentId)).isPresent();
    }
}
