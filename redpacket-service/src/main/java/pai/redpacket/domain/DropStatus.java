package pai.redpacket.domain;

/** SCHEDULED until Redis holds its packets, ACTIVE while grabbable, CLOSING once the close script ran, CLOSED when refunded. */
public enum DropStatus {
    SCHEDULED, ACTIVE, CLOSING, CLOSED
}
