package pai.share.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A sharer's link to a target on a channel; {@code code} is what {@code /s/{code}} names. */
@Entity
@Table(name = "share_link")
public class ShareLink extends PanacheEntityBase {
    @Id
    public String code;
    public String sharerId;
    @Enumerated(EnumType.STRING)
    public TargetType targetType;
    public String targetId;
    @Enumerated(EnumType.STRING)
    public ShareChannel channel;
    public String campaignId;
    public Instant createdAt;

    /**
     * Stores the link unless the sharer already has one for this target and channel; true when this
     * call stored it. One statement, so two concurrent requests end with one link.
     */
    public boolean insertIfAbsent() {
        return getEntityManager().createNativeQuery("insert into share_link (code, sharer_id, target_type, target_id,"
                + " channel, campaign_id, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing")
                .setParameter(1, code).setParameter(2, sharerId).setParameter(3, targetType.name())
                .setParameter(4, targetId).setParameter(5, channel.name()).setParameter(6, campaignId)
                .setParameter(7, createdAt)
                .executeUpdate() == 1;
    }

    public static Optional<ShareLink> of(String sharerId, TargetType type, String targetId, ShareChannel channel) {
        return find("sharerId = ?1 and targetType = ?2 and targetId = ?3 and channel = ?4", sharerId, type, targetId,
                channel).firstResultOptional();
    }

    public static Optional<ShareLink> byCode(String code) {
        return findByIdOptional(code);
    }

    /** The sharer's links, newest first, created before {@code before}. */
    public static List<ShareLink> ofSharer(String sharerId, Instant before, int limit) {
        return find("sharerId = ?1 and createdAt < ?2", Sort.by("createdAt").descending().and("code"), sharerId, before)
                .page(0, limit).list();
    }
}
