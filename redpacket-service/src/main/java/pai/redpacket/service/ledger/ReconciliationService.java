package pai.redpacket.service.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import pai.redpacket.domain.Campaign;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.service.campaign.CampaignService;
import pai.redpacket.service.pool.PacketPools;
import pai.redpacket.service.pool.RedisKeys;

/**
 * Compares everything that records a campaign's money with everything else: each drop's packets
 * with its amount, the ledger with the packets it claims, grants plus refunds plus what Redis
 * still holds with each drop's amount, the campaign's counters with the rows, and the wallets of
 * the campaign's grabbers with their entries. Every difference is reported, none is fixed; every
 * reconciliation is counted in {@code pai.redpacket.reconciliations{outcome=ok|differences}}, which an
 * alert watches.
 */
@ApplicationScoped
public class ReconciliationService {
    /** One campaign's money counted from every side, and where the sides differ. */
    public record Reconciliation(boolean ok, long packetsCents, long claimedCents, long ledgerCents,
            long refundedCents, long redisCents, long pending, List<String> differences) {
    }

    private final EntityManager entityManager;
    private final RedisDataSource redis;
    private final PacketPools pools;
    private final MeterRegistry registry;

    public ReconciliationService(EntityManager entityManager, RedisDataSource redis, PacketPools pools,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.redis = redis;
        this.pools = pools;
        this.registry = registry;
    }

    public Reconciliation reconcile(String campaignId) {
        Campaign campaign = CampaignService.find(campaignId);
        List<String> differences = new ArrayList<>();
        List<PacketDrop> drops = PacketDrop.list("campaignId", campaignId);
        Map<String, Long> packetSums = packetSums(campaignId);
        Map<String, Long> ledgerByDrop = sumsByDrop("select pool_id, sum(amount_cents) from grab where campaign_id = ?1 group by pool_id", campaignId);
        Map<String, Long> refundByDrop = sumsByDrop("select pool_id, sum(amount_cents) from refund where campaign_id = ?1 group by pool_id", campaignId);

        long packetsCents = 0;
        long claimedCents = 0;
        long redisCents = 0;
        long pending = 0;
        long reserved = 0;
        for (PacketDrop drop : drops) {
            reserved += drop.amountCents;
            long packets = packetSums.getOrDefault(drop.id, 0L);
            packetsCents += packets;
            if (packets != drop.amountCents) {
                differences.add("drop " + drop.id + ": packets sum to " + packets + ", amount is " + drop.amountCents);
            }
            long ledger = ledgerByDrop.getOrDefault(drop.id, 0L);
            long refund = refundByDrop.getOrDefault(drop.id, 0L);
            if (drop.status == PoolStatus.ACTIVE || drop.status == PoolStatus.CLOSING) {
                Claims claims = claimsInRedis(drop.id);
                claimedCents += claims.cents();
                pending += claims.notInLedger();
                long remaining = drop.status == PoolStatus.ACTIVE ? pools.remainingCents(drop.id) : 0;
                redisCents += remaining;
                if (drop.status == PoolStatus.ACTIVE && claims.cents() + remaining != drop.amountCents) {
                    differences.add("drop " + drop.id + ": Redis claims " + claims.cents() + " + remaining " + remaining
                            + " != amount " + drop.amountCents);
                }
                if (claims.cents() < ledger) {
                    differences.add("drop " + drop.id + ": ledger has " + ledger + " but Redis claims only " + claims.cents());
                }
            } else if (drop.status == PoolStatus.CLOSED && ledger + refund != drop.amountCents) {
                differences.add("drop " + drop.id + ": granted " + ledger + " + refunded " + refund + " != amount "
                        + drop.amountCents);
            } else if (drop.status == PoolStatus.FROZEN) {
                differences.add("drop " + drop.id + ": Redis lost it; frozen until it is rebuilt from PostgreSQL");
            } else if (drop.status == PoolStatus.SCHEDULED && (ledger != 0 || refund != 0)) {
                differences.add("drop " + drop.id + ": not loaded yet, but has grants or refunds");
            }
        }
        if (reserved != campaign.reservedCents) {
            differences.add("campaign reserves " + campaign.reservedCents + " but its drops add up to " + reserved);
        }
        long refunded = refundByDrop.values().stream().mapToLong(Long::longValue).sum();
        if (refunded != campaign.refundedCents) {
            differences.add("campaign counts " + campaign.refundedCents + " refunded but refund rows add up to " + refunded);
        }
        if (campaign.reservedCents - campaign.refundedCents > campaign.budgetCents) {
            differences.add("drops hold " + (campaign.reservedCents - campaign.refundedCents) + ", more than the budget");
        }
        long deadLetters = redis.execute("XLEN", RedisKeys.DEAD_LETTERS).toLong();
        if (deadLetters > 0) {
            differences.add(deadLetters + " grab stream entries could not be relayed; see " + RedisKeys.DEAD_LETTERS);
        }
        differences.addAll(ledgerRowsThatDoNotMatchTheirPacket(campaignId));
        differences.addAll(walletsThatDoNotMatchTheirEntries(campaignId));
        long ledgerCents = ledgerByDrop.values().stream().mapToLong(Long::longValue).sum();
        registry.counter("pai.redpacket.reconciliations", "outcome", differences.isEmpty() ? "ok" : "differences")
                .increment();
        return new Reconciliation(differences.isEmpty(), packetsCents, claimedCents, ledgerCents, refunded, redisCents,
                pending, differences);
    }

    private record Claims(long cents, long notInLedger) {
    }

    /** Every claim Redis holds for a drop, and how many of them the ledger does not have yet. */
    private Claims claimsInRedis(String dropId) {
        Response values = redis.execute("HVALS", RedisKeys.claims(dropId));
        List<String> grabIds = new ArrayList<>();
        long cents = 0;
        for (Response value : values) {
            String[] parts = value.toString().split(":");
            grabIds.add(parts[0]);
            cents += Long.parseLong(parts[2]);
        }
        if (grabIds.isEmpty()) {
            return new Claims(0, 0);
        }
        long recorded = ((Number) entityManager.createNativeQuery("select count(*) from grab where grab_id = any(?1)")
                .setParameter(1, grabIds.toArray(String[]::new)).getSingleResult()).longValue();
        return new Claims(cents, grabIds.size() - recorded);
    }

    private Map<String, Long> packetSums(String campaignId) {
        return sumsByDrop("""
                select p.pool_id, (select coalesce(sum(a), 0) from unnest(p.amounts) a)
                from pool_packets p join packet_drop d on d.id = p.pool_id where d.campaign_id = ?1""", campaignId);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> sumsByDrop(String sql, String campaignId) {
        Map<String, Long> sums = new HashMap<>();
        for (Object[] row : (List<Object[]>) entityManager.createNativeQuery(sql).setParameter(1, campaignId).getResultList()) {
            sums.put((String) row[0], ((Number) row[1]).longValue());
        }
        return sums;
    }

    @SuppressWarnings("unchecked")
    private List<String> ledgerRowsThatDoNotMatchTheirPacket(String campaignId) {
        // Each drop's array is unnested once and joined to its grabs: indexing the array per grab
        // row would unpack it again for every row.
        List<Object[]> rows = entityManager.createNativeQuery("""
                select g.grab_id, g.amount_cents, packet.amount
                from pool_packets p
                join packet_drop d on d.id = p.pool_id and d.campaign_id = ?1
                cross join lateral unnest(p.amounts) with ordinality as packet(amount, position)
                join grab g on g.pool_id = p.pool_id and g.packet_index = packet.position - 1
                where g.amount_cents <> packet.amount""")
                .setParameter(1, campaignId).getResultList();
        return rows.stream().map(r -> "grab " + r[0] + ": ledger says " + r[1] + ", its packet holds " + r[2]).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> walletsThatDoNotMatchTheirEntries(String campaignId) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select w.user_id, w.balance_cents, coalesce(sum(e.amount_cents), 0)
                from wallet w left join wallet_entry e on e.user_id = w.user_id
                where w.user_id in (select user_id from grab where campaign_id = ?1)
                group by w.user_id, w.balance_cents
                having w.balance_cents <> coalesce(sum(e.amount_cents), 0)""")
                .setParameter(1, campaignId).getResultList();
        return rows.stream().map(r -> "wallet " + r[0] + ": balance " + r[1] + " != entries " + r[2]).toList();
    }
}
