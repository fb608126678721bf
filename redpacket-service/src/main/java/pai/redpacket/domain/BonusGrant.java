package pai.redpacket.domain;

import java.time.Instant;

import jakarta.persistence.EntityManager;

/** The durable record of extra chances earned by sharing; Redis holds the running count. */
public final class BonusGrant {
    private BonusGrant() {
    }

    /** True the first time this reward is recorded. */
    public static boolean record(EntityManager em, String rewardId, String campaignId, String userId, int grabs) {
        return em.createNativeQuery("""
                insert into bonus_grant (reward_id, campaign_id, user_id, grabs, granted_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict do nothing""")
                .setParameter(1, rewardId).setParameter(2, campaignId).setParameter(3, userId).setParameter(4, grabs)
                .setParameter(5, Instant.now())
                .executeUpdate() == 1;
    }
}
