package pai.redpacket.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Every packet of a pool (a drop or a group packet), position = packet index, kept as one array so
 * that a million packets are one write.
 */
@Entity
@Table(name = "pool_packets")
public class PoolPackets extends PanacheEntityBase {
    @Id
    public String poolId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public long[] amounts;

    public static PoolPackets of(String poolId, long[] amounts) {
        PoolPackets packets = new PoolPackets();
        packets.poolId = poolId;
        packets.amounts = amounts;
        return packets;
    }
}
