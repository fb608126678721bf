package pai.share.domain;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Rewards and the counters that bound them. The unique key (campaign, sharer, visitor) makes a visitor
 * reward a sharer once however many codes or concurrent accepts it tries; {@code sharer_day} holds the
 * daily cap as one conditional update.
 */
public final class ShareReward {
    private ShareReward() {
    }

    /** True when this reward is the first for (campaign, sharer, visitor); a concurrent second waits, then is false. */
    public static boolean insertIfFirst(String rewardId, String campaignId, String sharerId, String visitorId,
            String code, int bonusGrabs, LocalDate day, Instant at) {
        return em().createNativeQuery("insert into share_reward (reward_id, campaign_id, sharer_id, visitor_id, code,"
                + " bonus_grabs, day, granted_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing")
                .setParameter(1, rewardId).setParameter(2, campaignId).setParameter(3, sharerId)
                .setParameter(4, visitorId).setParameter(5, code).setParameter(6, bonusGrabs).setParameter(7, day)
                .setParameter(8, at)
                .executeUpdate() == 1;
    }

    /** Takes back a reward this transaction inserted, when a cap refuses it after all. */
    public static void withdraw(String rewardId) {
        em().createNativeQuery("delete from share_reward where reward_id = ?1").setParameter(1, rewardId).executeUpdate();
    }

    /**
     * Counts one more reward for the sharer's day if fewer than {@code cap} are there. The row stays locked
     * until the transaction ends, so a sharer's rewards are decided one at a time.
     */
    public static boolean takeDailySlot(String campaignId, String sharerId, LocalDate day, int cap) {
        em().createNativeQuery("insert into sharer_day (campaign_id, sharer_id, day, rewards) values (?1, ?2, ?3, 0)"
                + " on conflict do nothing")
                .setParameter(1, campaignId).setParameter(2, sharerId).setParameter(3, day).executeUpdate();
        return em().createNativeQuery("update sharer_day set rewards = rewards + 1"
                + " where campaign_id = ?1 and sharer_id = ?2 and day = ?3 and rewards < ?4")
                .setParameter(1, campaignId).setParameter(2, sharerId).setParameter(3, day).setParameter(4, cap)
                .executeUpdate() == 1;
    }

    /** Gives back the slot {@link #takeDailySlot} took in this transaction. */
    public static void releaseDailySlot(String campaignId, String sharerId, LocalDate day) {
        em().createNativeQuery("update sharer_day set rewards = rewards - 1"
                + " where campaign_id = ?1 and sharer_id = ?2 and day = ?3 and rewards > 0")
                .setParameter(1, campaignId).setParameter(2, sharerId).setParameter(3, day).executeUpdate();
    }

    /** Bonus grabs the sharer has earned in the campaign so far (read under the day row's lock). */
    public static long bonusGrabsOf(String campaignId, String sharerId) {
        return ((Number) em().createNativeQuery("select coalesce(sum(bonus_grabs), 0) from share_reward"
                + " where campaign_id = ?1 and sharer_id = ?2")
                .setParameter(1, campaignId).setParameter(2, sharerId).getSingleResult()).longValue();
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
