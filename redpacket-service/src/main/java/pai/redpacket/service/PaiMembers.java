package pai.redpacket.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.events.chat.MembershipChanged;
import pai.redpacket.domain.PaiMember;

/** redpacket-service's copy of pai membership, fed by pai.chat.members. */
@ApplicationScoped
public class PaiMembers {

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(MembershipChanged changed) {
        var existing = PaiMember.find(changed.paiId(), changed.userId());
        if (!changed.member()) {
            existing.ifPresent(PaiMember::delete);
            return;
        }
        PaiMember member = existing.orElseGet(PaiMember::new);
        member.paiId = changed.paiId();
        member.userId = changed.userId();
        member.role = changed.role();
        member.updatedAt = changed.changedAt() == null ? Instant.now() : changed.changedAt();
        member.persist();
    }

    public void requireMember(String paiId, String userId) {
        if (PaiMember.find(paiId, userId).isEmpty()) {
            throw new RedpacketRefusals.NotAMember(paiId);
        }
    }
}
