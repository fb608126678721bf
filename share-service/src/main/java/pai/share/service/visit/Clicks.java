package pai.share.service.visit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.events.share.ShareActivityKind;
import pai.platform.messaging.Outbox;
import pai.share.domain.CampaignRules;
import pai.share.domain.ShareClick;
import pai.share.domain.ShareLink;
import pai.share.messaging.ShareEvents;
import pai.share.service.ShareMeters;
import pai.share.service.link.ShareTargets;

/** Opening a link: counted once per visitor and day in the campaign's timezone, announced on pai.share.events. */
@ApplicationScoped
public class Clicks {
    private final ShareTargets targets;
    private final Outbox outbox;
    private final ShareMeters meters;
    private final Clock clock;

    public Clicks(ShareTargets targets, Outbox outbox, ShareMeters meters, Clock clock) {
        this.targets = targets;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    /** True when this click was counted; a repeat by the same visitor that day is not, however concurrent. */
    public boolean click(ShareLink link, String visitorKey) {
        boolean counted = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Optional<CampaignRules> campaign = targets.rewardingCampaign(link);
            LocalDate day = LocalDate.ofInstant(now, targets.zoneOf(campaign));
            String campaignId = campaign.map(c -> c.campaignId).orElse(null);
            if (!ShareClick.record(link.code, visitorKey, day, campaignId, now)) {
                return false;
            }
            String activityId = UUID.nameUUIDFromBytes(("click|" + link.code + "|" + visitorKey + "|" + day)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            outbox.append(ShareEvents.activity(activityId, ShareActivityKind.CLICK, link, null, campaignId, now));
            return true;
        });
        meters.clicked(counted ? "counted" : "repeat");
        return counted;
    }
}
