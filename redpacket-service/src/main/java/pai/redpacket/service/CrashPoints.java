package pai.redpacket.service;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.ConfigUtils;
import pai.redpacket.config.RedpacketConfig;

/**
 * Named points where a test can make the process die, so that crash tests do not depend on
 * timing. Only the {@code test} profile honours {@code pai.redpacket.crash-at}; the process halts
 * at once, like a kill -9, without shutdown hooks. With {@code pai.redpacket.crash-after} = N it
 * halts only once more than N items (stream entries relayed, grabs recorded) have passed the point,
 * so that a test can see the first N through end to end before the crash.
 */
@ApplicationScoped
public class CrashPoints {
    public static final String RELAY_AFTER_ACK_BEFORE_TRIM = "relay-after-ack-before-trim";
    public static final String LEDGER_AFTER_COMMIT_BEFORE_OFFSET = "ledger-after-commit-before-offset";
    private static final Logger LOG = Logger.getLogger(CrashPoints.class);

    private final String armed;
    private final long itemsBeforeCrash;
    private final AtomicLong itemsPassed = new AtomicLong();

    public CrashPoints(RedpacketConfig config) {
        Optional<String> crashAt = config.crashAt();
        boolean testProfile = ConfigUtils.getProfiles().contains("test");
        if (crashAt.isPresent() && !testProfile) {
            LOG.warn("pai.redpacket.crash-at is ignored outside the test profile");
        }
        this.armed = testProfile ? crashAt.orElse(null) : null;
        this.itemsBeforeCrash = config.crashAfter();
    }

    /** {@code items} have just passed {@code point}: halts if it is armed and their count goes past crash-after. */
    public void reach(String point, int items) {
        if (point.equals(armed) && itemsPassed.addAndGet(items) > itemsBeforeCrash) {
            LOG.errorf("crash point %s reached after %d items: halting", point, itemsPassed.get());
            Runtime.getRuntime().halt(137);
        }
    }
}
