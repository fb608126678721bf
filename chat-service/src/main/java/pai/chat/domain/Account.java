package pai.chat.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import pai.platform.security.CurrentUser;

/**
 * A person who signed up. {@code id} is the user id every token carries as {@code sub}; {@code name}
 * signs in and is unique whatever its case ({@code nameKey}); {@code operator} is set only by the
 * operator command, never by the API.
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String nameKey;
    public String displayName;
    public String avatarMediaId;
    public String passwordHash;
    public boolean operator;
    public Instant createdAt;

    /** What makes two names the same name. */
    public static String keyOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The roles its tokens carry: {@code user}, and {@code operator} for an operator. */
    public List<String> roles() {
        return operator ? List.of(CurrentUser.USER, CurrentUser.OPERATOR) : List.of(CurrentUser.USER);
    }

    public static Optional<Account> findByName(String name) {
        return find("nameKey", keyOf(name)).firstResultOptional();
    }

    /**
     * Inserts the account unless its name is taken, in one statement, so that two sign-ups of one name at
     * once store one account and the other learns it lost without a failed transaction.
     *
     * @return whether it was inserted
     */
    public boolean insertUnlessNameTaken() {
        return getEntityManager().createNativeQuery("""
                insert into account (id, name, name_key, display_name, password_hash, operator, created_at)
                values (?1, ?2, ?3, ?4, ?5, false, ?6)
                on conflict (name_key) do nothing""")
                .setParameter(1, id).setParameter(2, name).setParameter(3, nameKey).setParameter(4, displayName)
                .setParameter(5, passwordHash).setParameter(6, createdAt)
                .executeUpdate() == 1;
    }
}
