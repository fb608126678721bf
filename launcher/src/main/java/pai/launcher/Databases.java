package pai.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Creates the services' databases on whichever PostgreSQL answers, ours or the machine's. */
final class Databases {
    private static final String DUPLICATE_DATABASE = "42P04";

    private Databases() {
    }

    /** Drops the database (closing its sessions) and makes it anew: tests start from empty schemas. */
    static void recreate(String host, int port, String user, String password, String database) throws SQLException {
        checkName(database);
        try (Connection connection = DriverManager.getConnection(adminUrl(host, port), properties(user, password));
                Statement drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        ensure(host, port, user, password, database);
    }

    /** @return true when the database was created, false when it was there already */
    static boolean ensure(String host, int port, String user, String password, String database) throws SQLException {
        checkName(database);
        try (Connection connection = DriverManager.getConnection(adminUrl(host, port), properties(user, password))) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name was checked above; CREATE DATABASE takes no bind parameters.
                create.execute("CREATE DATABASE " + database);
                return true;
            } catch (SQLException e) {
                if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    return false; // made by a concurrent ./pai
                }
                throw e;
            }
        }
    }

    /** A connection to one database, for the commands that change rows in it. */
    static Connection connect(String host, int port, String user, String password, String database) throws SQLException {
        checkName(database);
        return DriverManager.getConnection(url(host, port, database), properties(user, password));
    }

    private static void checkName(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + database);
        }
    }

    private static String adminUrl(String host, int port) {
        return url(host, port, "postgres");
    }

    private static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static Properties properties(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        return props;
    }
}
