package pai.launcher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code ./pai operator <name>}: makes an account a campaign operator, in chat-service's own table, because
 * no API may (docs/contract.md, accounts). The account's next sign-in or token refresh carries the role.
 */
public final class Operators {
    private static final String UNDEFINED_TABLE = "42P01";

    private Operators() {
    }

    /** The account made an operator, and whether it was one already. */
    public record Marked(String userId, String name, boolean already) {
        /** What the command prints. */
        public String describe() {
            return name + " (user id " + userId + ") " + (already ? "was an operator already"
                    : "is an operator now: their next sign-in or token refresh carries the operator role");
        }
    }

    /** A database where chat-service has not made its tables (it never started against it). */
    public static final class NoAccounts extends Exception {
        NoAccounts(String detail) {
            super(detail);
        }
    }

    /** Marks the account of that name (in any case) an operator; empty when no account has the name. */
    public static Optional<Marked> mark(Connection db, String name) throws SQLException, NoAccounts {
        // The self-join reads the row as it was before the update: whether it was an operator already.
        String sql = """
                update chat.account account set operator = true
                from chat.account before
                where account.id = before.id and account.name_key = lower(?)
                returning account.id, account.name, before.operator""";
        try (PreparedStatement update = db.prepareStatement(sql)) {
            update.setString(1, name);
            try (ResultSet row = update.executeQuery()) {
                return row.next() ? Optional.of(new Marked(row.getString(1), row.getString(2), row.getBoolean(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new NoAccounts("this database has no accounts yet: chat-service has not started against it");
            }
            throw e;
        }
    }
}
