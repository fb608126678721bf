package pai.share.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One accept of a link by a signed-in visitor and what came of it; every attempt is kept for the funnel. */
@Entity
@Table(name = "share_accept")
public class ShareAccept extends PanacheEntityBase {
    public static final String REWARDED = "REWARDED";
    public static final String REFUSED = "REFUSED";

    @Id
    public String id;
    public String code;
    public String sharerId;
    public String visitorId;
    public String campaignId;
    public String addressKey;
    public String outcome;
    @Enumerated(EnumType.STRING)
    public RefusalReason reason;
    public Instant acceptedAt;
}
