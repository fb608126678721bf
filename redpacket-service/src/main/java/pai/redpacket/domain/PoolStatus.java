package pai.redpacket.domain;

/**
 * A pool's status, a drop's or a lucky packet's: SCHEDULED until Redis holds its packets, ACTIVE
 * while grabbable, CLOSING once the close script ran, CLOSED when refunded; FROZEN while Redis
 * lost it and it waits to be rebuilt from PostgreSQL.
 */
public enum PoolStatus {
    SCHEDULED, ACTIVE, FROZEN, CLOSING, CLOSED
}
