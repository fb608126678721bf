package pai.redpacket.service.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import pai.events.share.ShareRewardGranted;
import pai.redpacket.domain.BonusGrant;
import pai.redpacket.domain.Campaign;
import pai.redpacket.service.pool.PacketPools;

/**
 * Turns share rewards into extra grab chances. The reward is recorded in PostgreSQL and applied in
 * Redis by one script that remembers the reward id, so a redelivered reward counts once on both.
 */
@ApplicationScoped
public class BonusService {
    private static final Logger LOG = Logger.getLogger(BonusService.class);

    private final EntityManager entityManager;
    private final PacketPools pools;

    public BonusService(EntityManager entityManager, PacketPools pools) {
        this.entityManager = entityManager;
        this.pools = pools;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ShareRewardGranted reward) {
        Campaign campaign = Campaign.findById(reward.campaignId());
        if (campaign == null || reward.bonusGrabs() <= 0) {
            LOG.warnf("reward %s names no campaign of ours or gives nothing; ignored", reward.rewardId());
            return;
        }
        BonusGrant.record(entityManager, reward.rewardId(), campaign.id, reward.sharerId(), reward.bonusGrabs());
        pools.addBonus(campaign.id, reward.sharerId(), reward.rewardId(), reward.bonusGrabs(),
                campaign.maxBonusGrabsPerUser);
    }
}
