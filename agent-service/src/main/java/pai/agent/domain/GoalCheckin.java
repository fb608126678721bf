package pai.agent.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One member's check-in on a goal for one period. Rows are inserted by {@code insertOnce} only:
 * the unique (goal, user, period) key decides, under concurrency, which check-in counts.
 */
@Entity
@Table(name = "goal_checkin")
public class GoalCheckin extends PanacheEntityBase {
    @Id
    public String id;
    public String goalId;
    public String userId;
    public LocalDate period;
    public String note;
    public String mediaId;
    @Enumerated(EnumType.STRING)
    public CheckinSource source;
    public Long messageSeq;
    public Instant createdAt;

    /** Stores the check-in unless the member already has one for its period; true if it was stored. */
    public boolean insertOnce() {
        return getEntityManager().createNativeQuery("""
                insert into goal_checkin (id, goal_id, user_id, period, note, media_id, source, message_seq, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict (goal_id, user_id, period) do nothing""")
                .setParameter(1, id)
                .setParameter(2, goalId)
                .setParameter(3, userId)
                .setParameter(4, period)
                .setParameter(5, note)
                .setParameter(6, mediaId)
                .setParameter(7, source.name())
                .setParameter(8, messageSeq)
                .setParameter(9, createdAt)
                .executeUpdate() == 1;
    }

    public static GoalCheckin of(String goalId, String userId, LocalDate period) {
        return find("goalId = ?1 and userId = ?2 and period = ?3", goalId, userId, period).firstResult();
    }

    /** The periods in which a member checked in on a goal. */
    public static List<LocalDate> periods(String goalId, String userId) {
        return getEntityManager()
                .createQuery("select c.period from GoalCheckin c where c.goalId = ?1 and c.userId = ?2", LocalDate.class)
                .setParameter(1, goalId).setParameter(2, userId).getResultList();
    }

    /** Every check-in of a goal as (userId, period). */
    public static List<Object[]> periodsByMember(String goalId) {
        return getEntityManager()
                .createQuery("select c.userId, c.period from GoalCheckin c where c.goalId = ?1", Object[].class)
                .setParameter(1, goalId).getResultList();
    }

    /** Who checked in on a goal in one period. */
    public static List<String> membersIn(String goalId, LocalDate period) {
        return getEntityManager()
                .createQuery("select c.userId from GoalCheckin c where c.goalId = ?1 and c.period = ?2", String.class)
                .setParameter(1, goalId).setParameter(2, period).getResultList();
    }
}
