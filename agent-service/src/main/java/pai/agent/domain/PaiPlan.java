package pai.agent.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** The plan a pai is making: when, where, who brings what ({@code items} as JSON); {@code version} counts changes. */
@Entity
@Table(name = "pai_plan")
public class PaiPlan extends PanacheEntityBase {
    @Id
    public String id;
    public String paiId;
    public int version;
    @Column(name = "plan_date")
    public LocalDate date;
    @Column(name = "plan_time")
    public LocalTime time;
    public String place;
    public String items;
    public long fromSeq;
    public long toSeq;
    public Instant updatedAt;

    public static Optional<PaiPlan> latest(String paiId) {
        return find("paiId", Sort.by("updatedAt").descending(), paiId).firstResultOptional();
    }
}
