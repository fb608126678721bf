package pai.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads redpacket-service's rows, to check what a scenario left in PostgreSQL. */
final class RedpacketLedger {
    private RedpacketLedger() {
    }

    static long single(String sql, String parameter) throws SQLException {
        try (Connection db = ItEnvironment.database("redpacket"); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** Drops and lucky packets past their end that nobody closed; none in a database no service has migrated yet. */
    static long pastDuePools() throws SQLException {
        try (Connection db = ItEnvironment.database("redpacket")) {
            if (!hasTable(db, "packet_drop")) {
                return 0;
            }
            return pastDuePools(db);
        }
    }

    private static boolean hasTable(Connection db, String table) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static long pastDuePools(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select (select count(*) from packet_drop where status in ('SCHEDULED', 'ACTIVE') and ends_at <= now())"
                        + " + (select count(*) from group_packet where status in ('SCHEDULED', 'ACTIVE') and expires_at <= now())");
                ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    static long grabs(String poolId) throws SQLException {
        return single("select count(*) from grab where pool_id = ?", poolId);
    }

    static long grantedCents(String poolId) throws SQLException {
        return single("select coalesce(sum(amount_cents), 0) from grab where pool_id = ?", poolId);
    }

    static long refunds(String poolId) throws SQLException {
        return single("select count(*) from refund where pool_id = ?", poolId);
    }

    static long refundedCents(String poolId) throws SQLException {
        return single("select coalesce(sum(amount_cents), 0) from refund where pool_id = ?", poolId);
    }

    /** Wallets of the pool's grabbers whose balance differs from their entries (docs/contract.md invariant 6). */
    static long walletsOffTheirEntries(String poolId) throws SQLException {
        return single("""
                select count(*) from (
                  select w.user_id from wallet w join wallet_entry e on e.user_id = w.user_id
                  where w.user_id in (select user_id from grab where pool_id = ?)
                  group by w.user_id, w.balance_cents having w.balance_cents <> sum(e.amount_cents)) off""", poolId);
    }

    /** Grabs recorded at or after the drop's end: there must be none (docs/contract.md invariant 5). */
    static long grabsAfterTheEnd(String dropId) throws SQLException {
        return single("""
                select count(*) from grab g join packet_drop d on d.id = g.pool_id
                where g.pool_id = ? and g.grabbed_at >= d.ends_at""", dropId);
    }
}
