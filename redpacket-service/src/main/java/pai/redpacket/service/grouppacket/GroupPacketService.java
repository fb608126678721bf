package pai.redpacket.service.grouppacket;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.events.redpacket.LifecycleStage;
import pai.platform.error.InvalidFieldException;
import pai.platform.membership.Memberships;
import pai.platform.messaging.Outbox;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.GroupPacket;
import pai.redpacket.domain.PacketSplitter;
import pai.redpacket.domain.PoolPackets;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.domain.Wallets;
import pai.redpacket.messaging.RedpacketEvents;
import pai.redpacket.service.IdempotentRequests;
import pai.redpacket.service.RedpacketRefusals;
import pai.redpacket.service.pool.PacketPools;
import pai.redpacket.service.pool.PoolLifecycle;
import pai.redpacket.service.pool.PoolRebuilder;

/**
 * Lucky packets sent into a pai. Sending is one transaction: the conditional wallet debit, the
 * packet with all its amounts and the card event. The packet opens in Redis right after the
 * commit; at expiry what is left returns to the sender's wallet once (invariants 5 and 6). Opening,
 * closing and recovering are the pool lifecycle's, with a lucky packet's rules.
 */
@ApplicationScoped
public class GroupPacketService {
    private static final Logger LOG = Logger.getLogger(GroupPacketService.class);
    public static final String DEFAULT_GREETING = "恭喜发财，大吉大利";
    public static final String SEND_ENTRY = "SEND";
    private static final SecureRandom SEEDS = new SecureRandom();

    private final GroupPacketRules rules;
    private final PoolLifecycle lifecycle;
    private final Wallets wallets;
    private final PacketPools pools;
    private final PoolRebuilder rebuilder;
    private final Memberships members;
    private final Outbox outbox;
    private final IdempotentRequests idempotent;
    private final RedpacketConfig config;

    public GroupPacketService(GroupPacketRules rules, PoolLifecycle lifecycle, Wallets wallets, PacketPools pools,
            PoolRebuilder rebuilder, Memberships members, Outbox outbox, IdempotentRequests idempotent,
            RedpacketConfig config) {
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.wallets = wallets;
        this.pools = pools;
        this.rebuilder = rebuilder;
        this.members = members;
        this.outbox = outbox;
        this.idempotent = idempotent;
        this.config = config;
    }

    /** Who took what; the luckiest once every packet is taken. */
    public record Progress(GroupPacket packet, int remainingCount, List<Claim> claims, Claim luckiest) {
    }

    public record Claim(String userId, long amountCents, Instant grabbedAt) {
    }

    /**
     * Debits, stores and announces the packet in one transaction, then opens it in Redis before
     * answering, so that the members who see the card can grab at once. Should opening fail or the
     * process die in between, the scheduler opens it: the packet is sent either way, and a 500
     * would only invite a second send. {@code answer} is the body the request answers with, stored
     * for a retry with the same key.
     */
    public IdempotentRequests.Answer send(String senderId, String paiId, String idempotencyKey, SendPacket request,
            Function<GroupPacket, ?> answer) {
        String[] created = new String[1];
        IdempotentRequests.Answer sent = QuarkusTransaction.requiringNew().call(() -> idempotent.once(senderId,
                idempotencyKey, "send-packet:" + paiId, 201, () -> {
                    GroupPacket packet = create(senderId, paiId, request);
                    created[0] = packet.id;
                    return answer.apply(packet);
                }));
        if (created[0] != null) {
            try {
                QuarkusTransaction.requiringNew().run(() -> lifecycle.load(rules, created[0]));
            } catch (RuntimeException e) {
                LOG.warnf(e, "lucky packet %s is sent; the scheduler opens it in Redis", created[0]);
            }
        }
        return sent;
    }

    private GroupPacket create(String senderId, String paiId, SendPacket request) {
        members.requireMember(paiId, senderId);
        if (request.totalCents() < request.count()) {
            throw new InvalidFieldException("totalCents", "must give every packet at least 1 cent (" + request.count()
                    + " cents for " + request.count() + " packets)");
        }
        GroupPacket packet = new GroupPacket();
        packet.id = UUID.randomUUID().toString();
        if (!wallets.debit(senderId, request.totalCents(), SEND_ENTRY, packet.id)) {
            throw new RedpacketRefusals.InsufficientBalance(wallets.balance(senderId), request.totalCents());
        }
        packet.paiId = paiId;
        packet.senderId = senderId;
        packet.totalCents = request.totalCents();
        packet.packetCount = request.count();
        packet.split = request.split();
        packet.greeting = request.greeting() == null || request.greeting().isBlank() ? DEFAULT_GREETING
                : request.greeting().strip();
        packet.status = PoolStatus.SCHEDULED;
        packet.createdAt = Instant.now();
        packet.expiresAt = packet.createdAt.plus(config.groupPacketLifetime());
        packet.persist();
        PoolPackets.of(packet.id, PacketSplitter.split(packet.totalCents, packet.packetCount, packet.split,
                new SplittableRandom(SEEDS.nextLong()))).persist();
        outbox.append(RedpacketEvents.packetStage(packet, LifecycleStage.CREATED, packet.totalCents));
        return packet;
    }

    /** At expiry: grabs stop and the remainder goes back to the sender, through the stream and the ledger. */
    @Transactional
    public void close(String packetId) {
        lifecycle.close(rules, packetId);
    }

    /**
     * Why Redis did not grant a grab the ledger has no grab of. Not in Redis yet (opening after its
     * commit), lost by Redis or frozen until its rebuild is a wait; otherwise the packet's time is over.
     */
    public RuntimeException refusalWhenNotOpen(String packetId) {
        GroupPacket packet = rules.find(packetId);
        boolean waiting = switch (packet.status) {
            case SCHEDULED, FROZEN -> true;
            case ACTIVE -> rebuilder.isLost(packet.pool());
            case CLOSING, CLOSED -> false;
        };
        return waiting ? new RedpacketRefusals.Busy() : new RedpacketRefusals.PacketExpired(packetId);
    }

    /** The packet, who took what (from Redis while it is open, from the ledger after), and the luckiest once all are taken. */
    public Progress progress(String packetId, String userId) {
        GroupPacket packet = rules.find(packetId);
        members.requireMember(packet.paiId, userId);
        List<Claim> claims;
        int remaining;
        if (packet.status == PoolStatus.ACTIVE && pools.isLoaded(packet.id)) {
            claims = pools.claims(packet.id).entrySet().stream()
                    .map(e -> new Claim(e.getKey(), e.getValue().amountCents(), e.getValue().grabbedAt()))
                    .toList();
            remaining = (int) pools.remainingPackets(packet.id);
        } else {
            claims = Grab.<Grab>list("poolId", packet.id).stream()
                    .map(g -> new Claim(g.userId, g.amountCents, g.grabbedAt)).toList();
            // Closed, nothing remains; not opened yet, all of it; lost by Redis, what the ledger has not granted.
            remaining = switch (packet.status) {
                case SCHEDULED -> packet.packetCount;
                case ACTIVE, FROZEN -> packet.packetCount - claims.size();
                case CLOSING, CLOSED -> 0;
            };
        }
        claims = claims.stream().sorted(Comparator.comparing(Claim::grabbedAt)).toList();
        Claim luckiest = claims.size() == packet.packetCount
                ? claims.stream().max(Comparator.comparingLong(Claim::amountCents)).orElse(null)
                : null;
        return new Progress(packet, remaining, claims, luckiest);
    }
}
