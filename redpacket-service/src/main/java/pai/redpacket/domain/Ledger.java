package pai.redpacket.domain;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import pai.events.redpacket.PacketGrabbed;

/**
 * The inserts that must happen exactly once, written as single statements that say whether they
 * did anything: a redelivered grab or refund changes nothing.
 */
@ApplicationScoped
public class Ledger {
    private final EntityManager entityManager;

    public Ledger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Inserts a batch of grabs, credits the wallets of those that were new, and returns those: one
     * statement, so a batch costs one round trip however large. A grab already in the ledger (a
     * redelivery) inserts nothing and credits nothing. Wallet rows are locked in user order, so two
     * ledger consumers crediting the same users never deadlock.
     */
    public List<PacketGrabbed> recordGrabs(List<PacketGrabbed> grabs, String walletEntryKind) {
        Map<String, PacketGrabbed> byId = new LinkedHashMap<>();
        grabs.forEach(g -> byId.putIfAbsent(g.grabId(), g));
        if (byId.isEmpty()) {
            return List.of();
        }
        List<PacketGrabbed> batch = List.copyOf(byId.values());
        Set<String> recorded = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    with grabs as (
                        insert into grab (grab_id, pool_kind, pool_id, campaign_id, packet_index, user_id, amount_cents,
                                          grabbed_at, recorded_at)
                        select g.grab_id, g.pool_kind, g.pool_id, g.campaign_id, g.packet_index, g.user_id, g.amount_cents,
                               to_timestamp(g.grabbed_ms / 1000.0), now()
                        from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[],
                                    ?::bigint[], ?::bigint[])
                             as g(grab_id, pool_kind, pool_id, campaign_id, packet_index, user_id, amount_cents, grabbed_ms)
                        on conflict do nothing
                        returning grab_id, user_id, amount_cents
                    ), entries as (
                        insert into wallet_entry (user_id, amount_cents, kind, ref_id, created_at)
                        select user_id, amount_cents, ?, grab_id, now() from grabs
                        on conflict do nothing
                        returning user_id, amount_cents
                    ), credits as (
                        insert into wallet (user_id, balance_cents, updated_at)
                        select user_id, sum(amount_cents), now() from entries group by user_id order by user_id
                        on conflict (user_id) do update set balance_cents = wallet.balance_cents + excluded.balance_cents,
                                                            updated_at = now()
                        returning user_id
                    )
                    select grab_id from grabs""")) {
                insert.setArray(1, connection.createArrayOf("varchar", column(batch, PacketGrabbed::grabId)));
                insert.setArray(2, connection.createArrayOf("varchar", column(batch, g -> g.poolKind().name())));
                insert.setArray(3, connection.createArrayOf("varchar", column(batch, PacketGrabbed::poolId)));
                insert.setArray(4, connection.createArrayOf("varchar", column(batch, PacketGrabbed::campaignId)));
                insert.setArray(5, connection.createArrayOf("int4",
                        batch.stream().map(PacketGrabbed::packetIndex).toArray(Integer[]::new)));
                insert.setArray(6, connection.createArrayOf("varchar", column(batch, PacketGrabbed::userId)));
                insert.setArray(7, connection.createArrayOf("int8",
                        batch.stream().map(PacketGrabbed::amountCents).toArray(Long[]::new)));
                insert.setArray(8, connection.createArrayOf("int8",
                        batch.stream().map(g -> g.grabbedAt().toEpochMilli()).toArray(Long[]::new)));
                insert.setString(9, walletEntryKind);
                Set<String> ids = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
        return batch.stream().filter(g -> recorded.contains(g.grabId())).toList();
    }

    private static String[] column(List<PacketGrabbed> grabs, Function<PacketGrabbed, String> field) {
        return grabs.stream().map(field).toArray(String[]::new);
    }

    /** True when this pool had no refund yet and now has this one. */
    public boolean recordRefund(String poolId, String poolKind, String campaignId, long amountCents, int packets,
            Instant at) {
        return entityManager.createNativeQuery("""
                insert into refund (pool_id, pool_kind, campaign_id, amount_cents, packets, refunded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict do nothing""")
                .setParameter(1, poolId)
                .setParameter(2, poolKind)
                .setParameter(3, campaignId)
                .setParameter(4, amountCents)
                .setParameter(5, packets)
                .setParameter(6, at)
                .executeUpdate() == 1;
    }
}
