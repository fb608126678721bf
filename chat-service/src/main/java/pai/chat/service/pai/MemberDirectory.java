package pai.chat.service.pai;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import pai.chat.domain.Account;
import pai.chat.domain.Membership;
import pai.chat.service.media.MediaService;
import pai.events.chat.MemberRole;
import pai.platform.paging.Page;

/**
 * The members of a pai as the others see them: the membership with the person's name, display name and
 * avatar. A member without an account (a user of a development token) shows by user id alone.
 */
@ApplicationScoped
public class MemberDirectory {
    private final PaiService pais;
    private final MediaService media;

    public MemberDirectory(PaiService pais, MediaService media) {
        this.pais = pais;
        this.media = media;
    }

    /** {@code name} and {@code displayName} are null, and {@code avatarUrl} too, for a member without an account. */
    public record Member(Membership membership, String name, String displayName, String avatarUrl) {
    }

    @Transactional
    public Page<Member> page(String userId, String paiId, String afterUserId, int limit) {
        Page<Membership> memberships = pais.members(userId, paiId, afterUserId, limit);
        return new Page<>(describe(memberships.items()), memberships.hasMore());
    }

    /** An owner's change of a member's role, answered with the member as the others see them. */
    @Transactional
    public Member setRole(String actorId, String paiId, String userId, MemberRole role) {
        return describe(List.of(pais.setRole(actorId, paiId, userId, role))).get(0);
    }

    private List<Member> describe(List<Membership> memberships) {
        List<String> ids = memberships.stream().map(membership -> membership.userId).toList();
        Map<String, Account> accounts = ids.isEmpty() ? Map.of()
                : Account.<Account>list("id in ?1", ids).stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        return memberships.stream().map(membership -> {
            Account account = accounts.get(membership.userId);
            if (account == null) {
                return new Member(membership, null, null, null);
            }
            String avatarUrl = account.avatarMediaId == null ? null : media.avatarThumbnailUrl(account.avatarMediaId);
            return new Member(membership, account.name, account.displayName, avatarUrl);
        }).toList();
    }
}
