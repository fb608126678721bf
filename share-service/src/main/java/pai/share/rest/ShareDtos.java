package pai.share.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import pai.share.domain.RefusalReason;
import pai.share.domain.ShareChannel;
import pai.share.domain.ShareCounts;
import pai.share.domain.ShareLink;
import pai.share.domain.TargetType;
import pai.share.service.accept.Accepts;
import pai.share.service.stats.ShareStats;

/** The JSON shapes of share-service's API, and the mapping from what the services answer. */
public final class ShareDtos {
    private ShareDtos() {
    }

    public record CreateShare(
            @NotNull TargetType targetType,
            @NotBlank @Size(max = 64) @Pattern(regexp = "\\P{Cc}*", message = "must not contain control characters")
            String targetId,
            @NotNull ShareChannel channel) {
    }

    public record ShareView(String code, String url, TargetType targetType, String targetId, ShareChannel channel,
            String campaignId, Instant createdAt) {
        static ShareView of(ShareLink link, URI base) {
            return new ShareView(link.code, urlOf(link, base), link.targetType, link.targetId, link.channel,
                    link.campaignId, link.createdAt);
        }
    }

    /** {@code rewarded} false comes with the {@code reason}; the visitor's accept is recorded either way. */
    public record AcceptView(String code, String sharerId, String campaignId, boolean rewarded, int bonusGrabs,
            RefusalReason reason) {
        static AcceptView of(Accepts.Outcome outcome) {
            return new AcceptView(outcome.link().code, outcome.link().sharerId, outcome.campaignId(), outcome.rewarded(),
                    outcome.bonusGrabs(), outcome.refusal());
        }
    }

    public record MyShare(String code, String url, TargetType targetType, String targetId, ShareChannel channel,
            String campaignId, Instant createdAt, long clicks, long accepts, long rewards) {
        static MyShare of(ShareStats.LinkWithCounts row, URI base) {
            ShareLink link = row.link();
            return new MyShare(link.code, urlOf(link, base), link.targetType, link.targetId, link.channel,
                    link.campaignId, link.createdAt, row.counts().clicks(), row.counts().accepts(), row.counts().rewards());
        }
    }

    public record ChannelFunnel(String channel, long shares, long clicks, long accepts, long rewards) {
    }

    public record Funnel(String campaignId, long shares, long clicks, long accepts, long rewards, long bonusGrabs,
            Map<String, Long> refusals, List<ChannelFunnel> byChannel) {
        static Funnel of(String campaignId, ShareCounts.Funnel funnel) {
            return new Funnel(campaignId, funnel.shares(), funnel.clicks(), funnel.accepts(), funnel.rewards(),
                    funnel.bonusGrabs(), funnel.refusals(), funnel.byChannel().stream()
                            .map(c -> new ChannelFunnel(c.channel(), c.shares(), c.clicks(), c.accepts(), c.rewards()))
                            .toList());
        }
    }

    /** The gateway's {@code /s/{code}}, on the origin the client reached us through. */
    static String urlOf(ShareLink link, URI base) {
        return base.resolve("/s/" + link.code).toString();
    }
}
