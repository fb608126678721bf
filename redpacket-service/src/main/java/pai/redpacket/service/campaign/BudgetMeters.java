package pai.redpacket.service.campaign;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import pai.platform.scheduling.UntilStarted;
import pai.redpacket.domain.Campaign;

/**
 * The budget of every campaign open now, as gauges in cents: {@code pai.redpacket.budget.remaining{campaign}}
 * (budget - reserved + refunded, what drops may still take) and {@code pai.redpacket.budget.total{campaign}}.
 * A scrape reads the last refresh; the refresh is one query of the campaign table on a timer, so that scrapes
 * never reach PostgreSQL. A campaign that ends, is paused or cancelled loses its gauges at the next refresh.
 * Refreshes never overlap, so an older reading cannot bring back the gauges of a campaign a newer one removed.
 */
@ApplicationScoped
public class BudgetMeters {
    static final String REMAINING = "pai.redpacket.budget.remaining";
    static final String TOTAL = "pai.redpacket.budget.total";
    /** At most this many campaigns get gauges, the newest first: a bound on the series a scrape returns. */
    private static final int MAX_CAMPAIGNS = 500;

    private record Budget(AtomicLong remaining, AtomicLong total, List<Gauge> gauges) {
    }

    private final MeterRegistry registry;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    public BudgetMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Scheduled(every = "${pai.redpacket.budget-meter-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    public synchronized void refresh() {
        Set<String> open = new HashSet<>();
        for (Campaign campaign : Campaign.openAt(Instant.now(), MAX_CAMPAIGNS)) {
            open.add(campaign.id);
            Budget budget = budgets.computeIfAbsent(campaign.id, this::register);
            budget.remaining().set(campaign.remainingCents());
            budget.total().set(campaign.budgetCents);
        }
        budgets.entrySet().removeIf(entry -> {
            if (open.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().gauges().forEach(registry::remove);
            return true;
        });
    }

    private Budget register(String campaignId) {
        AtomicLong remaining = new AtomicLong();
        AtomicLong total = new AtomicLong();
        List<Gauge> gauges = List.of(
                Gauge.builder(REMAINING, remaining, AtomicLong::get).tag("campaign", campaignId).baseUnit("cents")
                        .description("What drops may still take from an open campaign's budget").register(registry),
                Gauge.builder(TOTAL, total, AtomicLong::get).tag("campaign", campaignId).baseUnit("cents")
                        .description("An open campaign's budget").register(registry));
        return new Budget(remaining, total, gauges);
    }
}
