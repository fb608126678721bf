package pai.share.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import pai.share.domain.RefusalReason;
import pai.share.domain.ShareChannel;
import pai.share.domain.TargetType;

/** share-service's meters (pai.share.*), recorded after the transaction that decided committed. */
@ApplicationScoped
public class ShareMeters {
    private final MeterRegistry registry;

    public ShareMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void shared(ShareChannel channel, TargetType target, boolean created) {
        registry.counter("pai.share.shares", "channel", channel.name(), "target", target.name(),
                "outcome", created ? "created" : "repeat").increment();
    }

    /** outcome: counted, repeat (same visitor that day) or preview (a crawler drawing a link preview). */
    public void clicked(String outcome) {
        registry.counter("pai.share.clicks", "outcome", outcome).increment();
    }

    public void rewarded(int bonusGrabs) {
        registry.counter("pai.share.accepts", "outcome", "rewarded").increment();
        registry.counter("pai.share.rewards").increment();
        registry.counter("pai.share.bonus.grabs").increment(bonusGrabs);
    }

    public void refused(RefusalReason reason) {
        registry.counter("pai.share.accepts", "outcome", "refused").increment();
        registry.counter("pai.share.refusals", "reason", reason.name()).increment();
    }
}
