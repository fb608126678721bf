package pai.chat.service.pai;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.chat.domain.Membership;
import pai.chat.domain.Pai;
import pai.chat.messaging.ChatEvents;
import pai.chat.service.ChatRefusals;
import pai.events.chat.MemberRole;
import pai.events.chat.MembershipChange;
import pai.platform.error.InvalidFieldException;
import pai.platform.membership.NotAMember;
import pai.platform.messaging.Outbox;
import pai.platform.paging.Page;

/** Pais and who is in them. Every membership change is announced on pai.chat.members. */
@ApplicationScoped
public class PaiService {
    private static final char[] INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Outbox outbox;

    public PaiService(Outbox outbox) {
        this.outbox = outbox;
    }

    public record PaiSummary(Pai pai, MemberRole role, long readSeq, long unread) {
    }

    @Transactional
    public Pai create(String ownerId, String name, String description) {
        Pai pai = new Pai();
        pai.id = UUID.randomUUID().toString();
        pai.name = name.strip();
        pai.description = description == null ? null : description.strip();
        pai.ownerId = ownerId;
        pai.inviteCode = newInviteCode();
        pai.createdAt = Instant.now();
        pai.persist();
        addMember(pai, ownerId, MemberRole.OWNER, MembershipChange.CREATED);
        return pai;
    }

    /** Joining twice is harmless: the second call answers with the role the user already has. */
    @Transactional
    public Membership join(String userId, String inviteCode) {
        Pai pai = Pai.findByInviteCode(inviteCode.strip().toUpperCase()).orElseThrow(ChatRefusals.InviteNotFound::new);
        return Membership.find(pai.id, userId)
                .orElseGet(() -> addMember(pai, userId, MemberRole.MEMBER, MembershipChange.JOINED));
    }

    public Pai get(String userId, String paiId) {
        Pai pai = Pai.<Pai>findByIdOptional(paiId).orElseThrow(() -> new ChatRefusals.PaiNotFound(paiId));
        requireMember(paiId, userId);
        return pai;
    }

    /** The caller's pais with unread counts, newest joined first; {@code afterPaiId} is the cursor. */
    public Page<PaiSummary> mine(String userId, String afterPaiId, int limit) {
        Membership cursor = afterPaiId == null ? null : Membership.find(afterPaiId, userId)
                .orElseThrow(() -> new InvalidFieldException("afterPaiId", "not one of your pais"));
        Page<Membership> memberships = Page.ofOneExtra(Membership.ofUser(userId, cursor, limit + 1), limit);
        Map<String, Pai> pais = Pai.<Pai>list("id in ?1", memberships.items().stream().map(m -> m.paiId).toList())
                .stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        return new Page<>(memberships.items().stream()
                .map(m -> new PaiSummary(pais.get(m.paiId), m.role, m.readSeq, Math.max(0, pais.get(m.paiId).lastSeq - m.readSeq)))
                .toList(), memberships.hasMore());
    }

    /** The caller leaves; an owner who leaves hands the pai to the longest-standing admin, else member. */
    @Transactional
    public void leave(String userId, String paiId) {
        Pai pai = lock(paiId);
        Membership leaving = requireMember(paiId, userId);
        leaving.delete();
        outbox.append(ChatEvents.membershipChanged(leaving, MembershipChange.LEFT, userId));
        if (leaving.role == MemberRole.OWNER) {
            Membership.earliestWithRole(paiId, MemberRole.ADMIN, userId)
                    .or(() -> Membership.earliestWithRole(paiId, MemberRole.MEMBER, userId))
                    .ifPresent(next -> {
                        pai.ownerId = next.userId;
                        changeRole(next, MemberRole.OWNER, userId);
                    });
        }
    }

    /** The owner removes anyone else; an admin removes members only. */
    @Transactional
    public void remove(String actorId, String paiId, String userId) {
        lock(paiId);
        Membership actor = requireMember(paiId, actorId);
        if (actorId.equals(userId)) {
            throw new InvalidFieldException("userId", "to leave a pai, POST /pais/{paiId}/leave");
        }
        Membership target = Membership.find(paiId, userId).orElseThrow(() -> new ChatRefusals.MemberNotFound(paiId, userId));
        boolean allowed = actor.role == MemberRole.OWNER
                || actor.role == MemberRole.ADMIN && target.role == MemberRole.MEMBER;
        if (!allowed) {
            throw new ChatRefusals.InsufficientRole("a " + actor.role + " cannot remove a " + target.role);
        }
        target.delete();
        outbox.append(ChatEvents.membershipChanged(target, MembershipChange.REMOVED, actorId));
    }

    /** The owner makes a member an admin or an admin a member; setting the role a member has changes nothing. */
    @Transactional
    public Membership setRole(String actorId, String paiId, String userId, MemberRole role) {
        lock(paiId);
        requireOwner(paiId, actorId);
        Membership target = Membership.find(paiId, userId).orElseThrow(() -> new ChatRefusals.MemberNotFound(paiId, userId));
        if (target.role == MemberRole.OWNER) {
            throw new ChatRefusals.OwnerRoleFixed();
        }
        if (target.role != role) {
            changeRole(target, role, actorId);
        }
        return target;
    }

    /** A new invite code; the old one stops working at once. */
    @Transactional
    public Pai rotateInvite(String actorId, String paiId) {
        Pai pai = lock(paiId);
        requireOwner(paiId, actorId);
        pai.inviteCode = newInviteCode();
        return pai;
    }

    /** Moves the caller's read cursor forward (never back); returns the membership as it now stands. */
    @Transactional
    public PaiSummary markRead(String userId, String paiId, long seq) {
        Membership membership = requireMember(paiId, userId);
        Pai pai = Pai.findById(paiId);
        if (seq > pai.lastSeq) {
            throw new InvalidFieldException("seq", "the newest message of this pai is " + pai.lastSeq);
        }
        Membership.advanceReadSeq(paiId, userId, seq);
        long readSeq = Math.max(membership.readSeq, seq);
        return new PaiSummary(pai, membership.role, readSeq, pai.lastSeq - readSeq);
    }

    public List<String> paiIdsOf(String userId) {
        return Membership.ofUser(userId).stream().map(m -> m.paiId).toList();
    }

    public boolean isMember(String paiId, String userId) {
        return Membership.find(paiId, userId).isPresent();
    }

    public Page<Membership> members(String userId, String paiId, String afterUserId, int limit) {
        get(userId, paiId);
        return Page.ofOneExtra(Membership.ofPai(paiId, afterUserId, limit + 1), limit);
    }

    public Membership requireMember(String paiId, String userId) {
        return Membership.find(paiId, userId).orElseThrow(() -> {
            if (Pai.findByIdOptional(paiId).isEmpty()) {
                return new ChatRefusals.PaiNotFound(paiId);
            }
            return new NotAMember(paiId);
        });
    }

    private Membership requireOwner(String paiId, String userId) {
        Membership membership = requireMember(paiId, userId);
        if (membership.role != MemberRole.OWNER) {
            throw new ChatRefusals.InsufficientRole("only the owner may do this");
        }
        return membership;
    }

    private static Pai lock(String paiId) {
        return Pai.lock(paiId).orElseThrow(() -> new ChatRefusals.PaiNotFound(paiId));
    }

    private void changeRole(Membership membership, MemberRole role, String actorId) {
        membership.role = role;
        outbox.append(ChatEvents.membershipChanged(membership, MembershipChange.ROLE_CHANGED, actorId));
    }

    private Membership addMember(Pai pai, String userId, MemberRole role, MembershipChange change) {
        Membership membership = new Membership();
        membership.paiId = pai.id;
        membership.userId = userId;
        membership.role = role;
        membership.readSeq = pai.lastSeq;
        membership.joinedAt = Instant.now();
        membership.persist();
        outbox.append(ChatEvents.membershipChanged(membership, change, userId));
        return membership;
    }

    private static String newInviteCode() {
        char[] code = new char[8];
        for (int i = 0; i < code.length; i++) {
            code[i] = INVITE_ALPHABET[RANDOM.nextInt(INVITE_ALPHABET.length)];
        }
        return new String(code);
    }
}
