package pai.share.service.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.platform.paging.Page;
import pai.platform.paging.Paging;
import pai.platform.persistence.Ids;
import pai.share.domain.CampaignRules;
import pai.share.domain.ShareCounts;
import pai.share.domain.ShareLink;
import pai.share.service.ShareRefusals;

/** A sharer's links with their counts, and an operator's funnel per campaign, read from the stored rows. */
@ApplicationScoped
public class ShareStats {

    public record LinkWithCounts(ShareLink link, ShareCounts.PerLink counts) {
    }

    @Transactional
    public Page<LinkWithCounts> mine(String sharerId, Instant before, int limit) {
        Page<ShareLink> page = Page.ofOneExtra(
                ShareLink.ofSharer(sharerId, before == null ? Paging.END_OF_TIME : before, limit + 1), limit);
        Map<String, ShareCounts.PerLink> counts = ShareCounts.ofCodes(page.items().stream().map(l -> l.code).toList());
        List<LinkWithCounts> items = page.items().stream()
                .map(link -> new LinkWithCounts(link, ShareCounts.of(counts, link.code))).toList();
        return new Page<>(items, page.hasMore());
    }

    @Transactional
    public ShareCounts.Funnel funnel(String campaignId) {
        if (!Ids.storable(campaignId) || CampaignRules.of(campaignId).isEmpty()) {
            throw new ShareRefusals.CampaignNotFound(campaignId);
        }
        return ShareCounts.ofCampaign(campaignId);
    }
}
