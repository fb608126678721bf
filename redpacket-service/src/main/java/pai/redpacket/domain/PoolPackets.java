package pai.redpacket.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Every packet of a drop, position = packet index, kept as one array so that a million packets are one write. */
@Entity
@Table(name = "drop_packets")
public class DropPackets extends PanacheEntityBase {
    @Id
    public String dropId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public long[] amounts;
}
