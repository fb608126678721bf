package pai.redpacket.domain;

/**
 * SCHEDULED until Redis holds its packets, ACTIVE while grabbable, CLOSING once the close script
 * ran, CLOSED when refunded; FROZEN while Redis lost it and it waits to be rebuilt from PostgreSQL.
 */
public enum DropStatus {
    SCHEDULED, ACTIVE, FROZEN, CLOSING, CLOSED
}
