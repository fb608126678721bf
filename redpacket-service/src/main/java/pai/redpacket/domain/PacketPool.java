package pai.redpacket.domain;

import java.time.Instant;

/**
 * What a drop and a lucky packet share: packets that open at one instant and close at another,
 * moving through {@link PoolStatus} the same way for both.
 */
public interface PacketPool {
    Pool pool();

    PoolStatus status();

    void moveTo(PoolStatus status);

    void closedAt(Instant at);

    long amountCents();

    int packetCount();

    Instant opensAt();

    Instant closesAt();
}
