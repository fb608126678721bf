package pai.redpacket.service.wallet;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import pai.redpacket.domain.Grab;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.domain.Wallets;
import pai.redpacket.service.pool.PacketPools;

/** A user's wallet: the PostgreSQL balance and entries, plus grabs won but not yet in the ledger. */
@ApplicationScoped
public class WalletService {
    private final Wallets wallets;
    private final PacketPools pools;

    public WalletService(Wallets wallets, PacketPools pools) {
        this.wallets = wallets;
        this.pools = pools;
    }

    /** A page of the wallet's entries, newest first, with its balance and what is won but not yet booked. */
    public record Wallet(long balanceCents, long pendingCents, List<Wallets.Entry> entries, boolean hasMore) {
    }

    public Wallet wallet(String userId, Long beforeId, int limit) {
        List<Wallets.Entry> fetched = wallets.entries(userId, beforeId == null ? Long.MAX_VALUE : beforeId, limit + 1);
        boolean hasMore = fetched.size() > limit;
        return new Wallet(wallets.balance(userId), pendingCents(userId), fetched.stream().limit(limit).toList(), hasMore);
    }

    /** Claims in drops Redis still holds whose grab the ledger does not have yet. */
    long pendingCents(String userId) {
        List<PacketPools.Claim> claims = new ArrayList<>();
        for (PacketDrop drop : PacketDrop.<PacketDrop>list("status in ?1", List.of(PoolStatus.ACTIVE, PoolStatus.CLOSING))) {
            pools.claimOf(drop.id, userId).ifPresent(claims::add);
        }
        if (claims.isEmpty()) {
            return 0;
        }
        List<String> recorded = Grab.<Grab>list("grabId in ?1", claims.stream().map(PacketPools.Claim::grabId).toList())
                .stream().map(g -> g.grabId).toList();
        return claims.stream().filter(c -> !recorded.contains(c.grabId())).mapToLong(PacketPools.Claim::amountCents).sum();
    }
}
