package pai.redpacket.service.campaign;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.service.pool.PacketPools;

/** What a user sees: the campaigns open now with their current and next drops and the user's chances. */
@ApplicationScoped
public class LiveService {
    private final PacketPools pools;

    public LiveService(PacketPools pools) {
        this.pools = pools;
    }

    public record Live(Instant serverTime, List<LiveCampaign> campaigns) {
    }

    public record LiveCampaign(Campaign campaign, long remainingChances, List<PacketDrop> drops) {
    }

    public Live live(String userId) {
        Instant now = Instant.now();
        List<LiveCampaign> campaigns = Campaign.openAt(now, 50).stream().map(campaign -> {
            long bonus = Math.min(pools.bonusEarned(campaign.id, userId), campaign.maxBonusGrabsPerUser);
            long chances = Math.max(0, campaign.maxGrabsPerUser + bonus - pools.grabsUsed(campaign.id, userId));
            return new LiveCampaign(campaign, chances, PacketDrop.currentAndNext(campaign.id, now));
        }).toList();
        return new Live(now, campaigns);
    }
}
