package pai.redpacket.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pai.redpacket")
public interface RedpacketConfig {

    /** Grabs answer 503 BUSY while the stream holds this many entries the relay has not moved yet. */
    @WithDefault("200000")
    int streamLimit();

    /** How the grabs of one pool that arrive together share a Redis call (see GrabBatcher). */
    Grab grab();

    interface Grab {
        /** Most grabs in one script call. */
        @WithDefault("128")
        int maxBatch();

        /** Script calls per pool waiting on Redis at once; more grabs queue for the next call. */
        @WithDefault("4")
        int maxInFlight();
    }

    /** The live grab figures each instance keeps for the operator console (see GrabStats). */
    Stats stats();

    interface Stats {
        /** Campaigns with figures at once; a new one beyond them pushes out the one idle longest. */
        @WithDefault("100")
        int maxCampaigns();
    }

    /** Grab attempts one user may make per second before 429 RATE_LIMITED. */
    @WithDefault("10")
    int grabAttemptsPerSecond();

    /** How long Redis keeps a closed drop's claims; later repeats are answered from the ledger. */
    @WithDefault("24H")
    Duration claimRetention();

    /** How long before its start a drop is loaded into Redis. */
    @WithDefault("1M")
    Duration preload();

    /** Stream entries the relay sends to Kafka in one batch. */
    @WithDefault("1000")
    int relayBatch();

    /** How long the relay lease lasts without renewal. */
    @WithDefault("5S")
    Duration relayLease();

    /** How long a group lucky packet stays grabbable before what is left returns to the sender. */
    @WithDefault("24H")
    Duration groupPacketLifetime();

    /** How often each instance looks for drops to load and to close. */
    @WithDefault("1s")
    Duration schedulerInterval();

    /** How often the gauges of the open campaigns' budgets are read from PostgreSQL (see BudgetMeters). */
    @WithDefault("10s")
    Duration budgetMeterInterval();

    /** Test profile only: the named crash point where the process halts (see CrashPoints). */
    Optional<String> crashAt();

    /** Test profile only: how many items pass the crash point before it halts the process. */
    @WithDefault("0")
    long crashAfter();

    /** Redis durability: %prod is not ready unless Redis persists every write (AOF always or WAIT). */
    @WithDefault("false")
    boolean requireDurableRedis();
}
