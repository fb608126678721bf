package pai.platform.membership;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.events.chat.MembershipChanged;
import pai.platform.persistence.Ids;

/** Applies pai.chat.members to a service's membership copy; the latest change per member wins. */
@ApplicationScoped
public class Memberships {

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(MembershipChanged changed) {
        var existing = MembershipCopy.find(changed.paiId(), changed.userId());
        if (!changed.member()) {
            existing.ifPresent(MembershipCopy::delete);
            return;
        }
        MembershipCopy member = existing.orElseGet(MembershipCopy::new);
        member.paiId = changed.paiId();
        member.userId = changed.userId();
        member.role = changed.role();
        member.updatedAt = changed.changedAt() == null ? Instant.now() : changed.changedAt();
        member.persist();
    }

    public boolean isMember(String paiId, String userId) {
        return MembershipCopy.find(paiId, userId).isPresent();
    }

    /**
     * The caller's membership, or 403 {@code NOT_A_MEMBER}. An id PostgreSQL cannot store (it holds a NUL)
     * names no pai, rather than failing the query.
     */
    public MembershipCopy requireMember(String paiId, String userId) {
        if (!Ids.storable(paiId)) {
            throw new NotAMember(paiId);
        }
        return MembershipCopy.find(paiId, userId).orElseThrow(() -> new NotAMember(paiId));
    }
}
