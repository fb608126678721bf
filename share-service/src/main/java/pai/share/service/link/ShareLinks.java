package pai.share.service.link;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.share.domain.ShareChannel;
import pai.share.domain.ShareLink;
import pai.share.domain.TargetType;
import pai.share.service.ShareMeters;
import pai.share.service.ShareRefusals;

/**
 * Making share links: one per (sharer, target, channel), the same code on a repeat. Making one grants
 * nothing (only a verified visitor's accept does), so it needs no guard beyond the target's visibility.
 */
@ApplicationScoped
public class ShareLinks {
    private static final int CODE_ATTEMPTS = 3;

    private final ShareTargets targets;
    private final ShareMeters meters;
    private final Clock clock;

    public ShareLinks(ShareTargets targets, ShareMeters meters, Clock clock) {
        this.targets = targets;
        this.meters = meters;
        this.clock = clock;
    }

    public record Shared(ShareLink link, boolean created) {
    }

    public Shared share(String sharerId, TargetType type, String targetId, ShareChannel channel) {
        Shared shared = QuarkusTransaction.requiringNew().call(() -> {
            // Asked every time: a member who left a pai gets no link to it, not even the old one.
            Optional<String> campaignId = targets.campaignToShare(type, targetId, sharerId);
            Optional<ShareLink> existing = ShareLink.of(sharerId, type, targetId, channel);
            if (existing.isPresent()) {
                return new Shared(existing.get(), false);
            }
            for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
                ShareLink link = new ShareLink();
                link.code = ShareCodes.next();
                link.sharerId = sharerId;
                link.targetType = type;
                link.targetId = targetId;
                link.channel = channel;
                link.campaignId = campaignId.orElse(null);
                link.createdAt = clock.instant();
                if (link.insertIfAbsent()) {
                    return new Shared(link, true);
                }
                existing = ShareLink.of(sharerId, type, targetId, channel);
                if (existing.isPresent()) {
                    return new Shared(existing.get(), false);
                }
                // Otherwise the code itself was taken (about one in 2^71): draw another.
            }
            throw new IllegalStateException("no free share code after " + CODE_ATTEMPTS + " attempts");
        });
        meters.shared(channel, type, shared.created());
        return shared;
    }

    public ShareLink find(String code) {
        if (!ShareCodes.wellFormed(code)) {
            throw new ShareRefusals.ShareNotFound();
        }
        return ShareLink.byCode(code).orElseThrow(ShareRefusals.ShareNotFound::new);
    }
}
