package pai.share.service.accept;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.events.share.ShareActivityKind;
import pai.platform.messaging.Outbox;
import pai.share.config.ShareConfig;
import pai.share.domain.CampaignRules;
import pai.share.domain.RefusalReason;
import pai.share.domain.ShareAccept;
import pai.share.domain.ShareLink;
import pai.share.domain.ShareReward;
import pai.share.messaging.ShareEvents;
import pai.share.service.ShareMeters;
import pai.share.service.link.ShareTargets;
import pai.share.service.visit.Visitors;

/**
 * A signed-in visitor accepting a link: the only act that rewards a sharer, and only by the campaign's
 * rules. The decision, the accept row, the reward row and its event commit in one transaction, so a
 * reward is announced exactly once (through the outbox) or not at all. Rules in order: velocity, never
 * oneself, a campaign that is open and gives bonuses, once per (campaign, sharer, visitor), the daily cap
 * per sharer (campaign timezone), and no reward that the sharer's bonus cap would swallow.
 */
@ApplicationScoped
public class Accepts {
    private final ShareTargets targets;
    private final VelocityGuard velocity;
    private final Visitors visitors;
    private final Outbox outbox;
    private final ShareMeters meters;
    private final ShareConfig config;
    private final Clock clock;

    public Accepts(ShareTargets targets, VelocityGuard velocity, Visitors visitors, Outbox outbox, ShareMeters meters,
            ShareConfig config, Clock clock) {
        this.targets = targets;
        this.velocity = velocity;
        this.visitors = visitors;
        this.outbox = outbox;
        this.meters = meters;
        this.config = config;
        this.clock = clock;
    }

    /** What an accept came to: a reward of {@code bonusGrabs}, or the reason there was none. */
    public record Outcome(ShareLink link, String campaignId, int bonusGrabs, RefusalReason refusal,
            long retryAfterSeconds) {
        public boolean rewarded() {
            return refusal == null;
        }
    }

    public Outcome accept(ShareLink link, String visitorId, String address) {
        String addressKey = visitors.addressKey(address);
        Optional<VelocityGuard.Exceeded> exceeded = velocity.count(addressKey, visitorId);
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> decide(link, visitorId, addressKey, exceeded));
        if (outcome.rewarded()) {
            meters.rewarded(outcome.bonusGrabs());
        } else {
            meters.refused(outcome.refusal());
        }
        return outcome;
    }

    private Outcome decide(ShareLink link, String visitorId, String addressKey, Optional<VelocityGuard.Exceeded> exceeded) {
        Instant now = clock.instant();
        Optional<CampaignRules> campaign = targets.rewardingCampaign(link);
        String campaignId = campaign.map(c -> c.campaignId).orElse(null);
        Decision decision = new Decision(link, visitorId, addressKey, campaignId, now);
        if (exceeded.isPresent()) {
            return decision.refuse(exceeded.get().reason(), exceeded.get().retryAfterSeconds());
        }
        if (visitorId.equals(link.sharerId)) {
            return decision.refuse(RefusalReason.SELF_ACCEPT);
        }
        if (campaign.isEmpty()) {
            return decision.refuse(RefusalReason.NO_CAMPAIGN);
        }
        CampaignRules rules = campaign.get();
        Optional<RefusalReason> closed = RewardRules.campaignRefusal(rules, now);
        if (closed.isPresent()) {
            return decision.refuse(closed.get());
        }
        LocalDate day = LocalDate.ofInstant(now, rules.zone());
        String rewardId = UUID.randomUUID().toString();
        if (!ShareReward.insertIfFirst(rewardId, campaignId, link.sharerId, visitorId, link.code, rules.shareBonusGrabs,
                day, now)) {
            return decision.refuse(RefusalReason.REPEAT_VISITOR);
        }
        int cap = rules.dailyShareRewardCap != null ? rules.dailyShareRewardCap : config.defaultDailyRewardCap();
        if (!ShareReward.takeDailySlot(campaignId, link.sharerId, day, cap)) {
            ShareReward.withdraw(rewardId);
            return decision.refuse(RefusalReason.DAILY_CAP);
        }
        long earnedBefore = ShareReward.bonusGrabsOf(campaignId, link.sharerId) - rules.shareBonusGrabs;
        if (earnedBefore >= rules.maxBonusGrabsPerUser) {
            ShareReward.releaseDailySlot(campaignId, link.sharerId, day);
            ShareReward.withdraw(rewardId);
            return decision.refuse(RefusalReason.BONUS_CAP);
        }
        outbox.append(ShareEvents.reward(rewardId, link, campaignId, rules.shareBonusGrabs, visitorId, now));
        return decision.reward(rules.shareBonusGrabs);
    }

    /** Records the accept with what came of it and announces it on pai.share.events. */
    private final class Decision {
        private final ShareAccept accept = new ShareAccept();
        private final ShareLink link;

        Decision(ShareLink link, String visitorId, String addressKey, String campaignId, Instant now) {
            this.link = link;
            accept.id = UUID.randomUUID().toString();
            accept.code = link.code;
            accept.sharerId = link.sharerId;
            accept.visitorId = visitorId;
            accept.campaignId = campaignId;
            accept.addressKey = addressKey;
            accept.acceptedAt = now;
        }

        Outcome refuse(RefusalReason reason) {
            return refuse(reason, 0);
        }

        Outcome refuse(RefusalReason reason, long retryAfterSeconds) {
            accept.outcome = ShareAccept.REFUSED;
            accept.reason = reason;
            store();
            return new Outcome(link, accept.campaignId, 0, reason, retryAfterSeconds);
        }

        Outcome reward(int bonusGrabs) {
            accept.outcome = ShareAccept.REWARDED;
            store();
            return new Outcome(link, accept.campaignId, bonusGrabs, null, 0);
        }

        private void store() {
            accept.persist();
            outbox.append(ShareEvents.activity(accept.id, ShareActivityKind.ACCEPT, link, accept.visitorId,
                    accept.campaignId, accept.acceptedAt));
        }
    }
}
