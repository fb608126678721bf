package pai.share.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How share-service rewards and guards: the defaults where a campaign says nothing, and the velocity guard. */
@ConfigMapping(prefix = "pai.share")
public interface ShareConfig {

    /** Rewards a sharer may earn a day when the campaign sets no dailyShareRewardCap. */
    @WithDefault("10")
    int defaultDailyRewardCap();

    Velocity velocity();

    /** Accepts in a fixed window, counted in Redis so that every instance shares the count. */
    interface Velocity {
        @WithDefault("10m")
        Duration window();

        /** Accepts from one address (behind one NAT many people share one; keep it generous). */
        @WithDefault("30")
        int acceptsPerAddress();

        /** Accepts by one visitor account, of any sharers' links. */
        @WithDefault("10")
        int acceptsPerVisitor();
    }
}
