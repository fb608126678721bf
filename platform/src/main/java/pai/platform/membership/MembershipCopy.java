package pai.platform.membership;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import pai.events.chat.MemberRole;

/**
 * Who is in a pai, as pai.chat.members last said: the copy a service other than chat-service keeps
 * to decide what members may do. Each such service migrates its own {@code pai_member} table.
 */
@Entity
@Table(name = "pai_member")
@IdClass(MembershipCopy.Key.class)
public class MembershipCopy extends PanacheEntityBase {
    @Id
    public String paiId;
    @Id
    public String userId;
    @Enumerated(EnumType.STRING)
    public MemberRole role;
    public Instant updatedAt;

    public record Key(String paiId, String userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static Optional<MembershipCopy> find(String paiId, String userId) {
        return findByIdOptional(new Key(paiId, userId));
    }
}
