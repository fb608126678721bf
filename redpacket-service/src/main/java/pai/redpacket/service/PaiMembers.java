package pai.redpacket.service;

import jakarta.enterprise.context.ApplicationScoped;

import pai.platform.membership.PaiMemberships;

/** Who may send and grab a pai's lucky packets: its members, as chat-service last announced them. */
@ApplicationScoped
public class PaiMembers {
    private final PaiMemberships memberships;

    public PaiMembers(PaiMemberships memberships) {
        this.memberships = memberships;
    }

    public void requireMember(String paiId, String userId) {
        if (!Ids.storable(paiId) || !memberships.isMember(paiId, userId)) {
            throw new RedpacketRefusals.NotAMember(paiId);
        }
    }
}
