package pai.redpacket.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PoolKind;
import pai.platform.error.InvalidFieldException;
import pai.platform.membership.PaiMemberships;
import pai.platform.messaging.Outbox;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.DropStatus;
import pai.redpacket.domain.Grab;
import pai.redpacket.domain.GroupPacket;
import pai.redpacket.domain.Ledger;
import pai.redpacket.domain.PacketSplitter;
import pai.redpacket.domain.PoolPackets;
import pai.redpacket.domain.Wallets;
import pai.redpacket.messaging.RedpacketEvents;
import pai.redpacket.rest.RedpacketDtos.GroupPacketState;
import pai.redpacket.rest.RedpacketDtos.GroupPacketView;
import pai.redpacket.rest.RedpacketDtos.PacketClaim;
import pai.redpacket.rest.RedpacketDtos.SendPacket;

/**
 * Lucky packets sent into a pai. Sending is one transaction: the conditional wallet debit, the
 * packet with all its amounts and the card event. The packet opens in Redis right after the
 * commit; at expiry what is left returns to the sender's wallet once (invariants 5 and 6). A
 * packet Redis lost freezes and is rebuilt from PostgreSQL like a drop.
 */
@ApplicationScoped
public class GroupPacketService implements RecoverablePools {
    private static final Logger LOG = Logger.getLogger(GroupPacketService.class);
    public static final String DEFAULT_GREETING = "恭喜发财，大吉大利";
    public static final String SEND_ENTRY = "SEND";
    public static final String REFUND_ENTRY = "REFUND";
    private static final SecureRandom SEEDS = new SecureRandom();

    private final Wallets wallets;
    private final Ledger ledger;
    private final PacketPools pools;
    private final PoolRebuilder rebuilder;
    private final PaiMemberships members;
    private final Outbox outbox;
    private final IdempotentRequests idempotent;
    private final RedpacketConfig config;

    public GroupPacketService(Wallets wallets, Ledger ledger, PacketPools pools, PoolRebuilder rebuilder,
            PaiMemberships members, Outbox outbox, IdempotentRequests idempotent, RedpacketConfig config) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.pools = pools;
        this.rebuilder = rebuilder;
        this.members = members;
        this.outbox = outbox;
        this.idempotent = idempotent;
        this.config = config;
    }

    /**
     * Debits, stores and announces the packet in one transaction, then opens it in Redis before
     * answering, so that the members who see the card can grab at once. Should opening fail or the
     * process die in between, the scheduler opens it: the packet is sent either way, and a 500
     * would only invite a second send.
     */
    public IdempotentRequests.Answer send(String senderId, String paiId, String idempotencyKey, SendPacket request) {
        String[] created = new String[1];
        IdempotentRequests.Answer answer = QuarkusTransaction.requiringNew().call(() -> idempotent.once(senderId,
                idempotencyKey, "send-packet:" + paiId, 201, () -> {
                    GroupPacketView view = create(senderId, paiId, request);
                    created[0] = view.id();
                    return view;
                }));
        if (created[0] != null) {
            try {
                QuarkusTransaction.requiringNew().run(() -> open(created[0]));
            } catch (RuntimeException e) {
                LOG.warnf(e, "lucky packet %s is sent; the scheduler opens it in Redis", created[0]);
            }
        }
        return answer;
    }

    private GroupPacketView create(String senderId, String paiId, SendPacket request) {
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
        packet.status = DropStatus.SCHEDULED;
        packet.createdAt = Instant.now();
        packet.expiresAt = packet.createdAt.plus(config.groupPacketLifetime());
        packet.persist();
        PoolPackets.of(packet.id, PacketSplitter.split(packet.totalCents, packet.packetCount, packet.split,
                new SplittableRandom(SEEDS.nextLong()))).persist();
        outbox.append(RedpacketEvents.packetStage(packet, LifecycleStage.CREATED, packet.totalCents));
        return view(packet);
    }

    @Transactional
    public void load(String packetId) {
        open(packetId);
    }

    private void open(String packetId) {
        GroupPacket packet = GroupPacket.lock(packetId);
        if (packet == null || packet.status != DropStatus.SCHEDULED) {
            return;
        }
        PoolPackets packets = PoolPackets.findById(packetId);
        if (pools.load(poolOf(packet), packets.amounts, packet.createdAt, packet.expiresAt, 1, packet.totalCents, false)) {
            packet.status = DropStatus.ACTIVE;
        }
    }

    /** At expiry: grabs stop and the remainder goes back to the sender, through the stream and the ledger. */
    @Transactional
    public void close(String packetId) {
        GroupPacket packet = GroupPacket.lock(packetId);
        if (packet == null || packet.status == DropStatus.CLOSING || packet.status == DropStatus.CLOSED) {
            return;
        }
        PacketPools.Closed closed = pools.close(poolOf(packet));
        if (closed.closedNow() || pools.isLoaded(packet.id)) {
            packet.status = DropStatus.CLOSING;
        } else if (packet.status == DropStatus.SCHEDULED) {
            refund(packet, packet.totalCents, packet.packetCount);
        } else {
            LOG.errorf("lucky packet %s is %s but Redis does not hold it; it closes once it is rebuilt", packet.id,
                    packet.status);
            return;
        }
        packet.closedAt = Instant.now();
    }

    @Override
    public List<PacketPools.Pool> closing() {
        return GroupPacket.<GroupPacket>list("status", DropStatus.CLOSING).stream().map(GroupPacketService::poolOf).toList();
    }

    @Override
    @Transactional
    public void refundIfCloseLost(String packetId) {
        GroupPacket packet = GroupPacket.lock(packetId);
        if (packet == null || packet.status != DropStatus.CLOSING || pools.isLoaded(packet.id)) {
            return;
        }
        Grab.Totals granted = Grab.ofPool(packet.id);
        LOG.errorf("Redis lost the close of lucky packet %s; refunding what the ledger did not grant", packetId);
        refund(packet, packet.totalCents - granted.cents(), packet.packetCount - (int) granted.count());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void refund(GroupPacket packet, long amountCents, int packets) {
        if (ledger.recordRefund(packet.id, PoolKind.GROUP_PACKET.name(), null, amountCents, packets, Instant.now())) {
            if (amountCents > 0) {
                wallets.credit(packet.senderId, amountCents, REFUND_ENTRY, packet.id);
            }
            outbox.append(RedpacketEvents.packetStage(packet, LifecycleStage.REFUNDED, amountCents));
        }
        packet.status = DropStatus.CLOSED;
    }

    /**
     * Why Redis did not grant a grab. Not in Redis yet (opening after its commit), lost by Redis or
     * frozen until its rebuild is a wait; otherwise the packet's time is over.
     */
    public void refuseNotOpen(String packetId) {
        GroupPacket packet = find(packetId);
        boolean waiting = switch (packet.status) {
            case SCHEDULED, FROZEN -> true;
            case ACTIVE -> rebuilder.isLost(poolOf(packet));
            case CLOSING, CLOSED -> false;
        };
        if (waiting) {
            throw new RedpacketRefusals.Busy();
        }
        throw new RedpacketRefusals.PacketExpired(packetId);
    }

    /** The pool to grab from, for a member of the packet's pai. */
    public PacketPools.Pool poolForMember(String packetId, String userId) {
        GroupPacket packet = find(packetId);
        members.requireMember(packet.paiId, userId);
        return poolOf(packet);
    }

    /** The packet, who took what (from Redis while it is open, from the ledger after), and the luckiest once all are taken. */
    public GroupPacketState state(String packetId, String userId) {
        GroupPacket packet = find(packetId);
        members.requireMember(packet.paiId, userId);
        List<PacketClaim> claims;
        int remaining;
        if (packet.status == DropStatus.ACTIVE && pools.isLoaded(packet.id)) {
            claims = pools.claims(packet.id).entrySet().stream()
                    .map(e -> new PacketClaim(e.getKey(), e.getValue().amountCents(), e.getValue().grabbedAt()))
                    .toList();
            remaining = (int) pools.remainingPackets(packet.id);
        } else {
            claims = Grab.<Grab>list("poolId", packet.id).stream()
                    .map(g -> new PacketClaim(g.userId, g.amountCents, g.grabbedAt)).toList();
            // Closed, nothing remains; not opened yet, all of it; lost by Redis, what the ledger has not granted.
            remaining = switch (packet.status) {
                case SCHEDULED -> packet.packetCount;
                case ACTIVE, FROZEN -> packet.packetCount - claims.size();
                case CLOSING, CLOSED -> 0;
            };
        }
        claims = claims.stream().sorted(Comparator.comparing(PacketClaim::grabbedAt)).toList();
        PacketClaim luckiest = claims.size() == packet.packetCount
                ? claims.stream().max(Comparator.comparingLong(PacketClaim::amountCents)).orElse(null)
                : null;
        return new GroupPacketState(view(packet), remaining, claims, false, luckiest);
    }

    @Override
    public List<PacketPools.Pool> active() {
        return GroupPacket.<GroupPacket>list("status", DropStatus.ACTIVE).stream().map(GroupPacketService::poolOf).toList();
    }

    @Override
    public List<PacketPools.Pool> frozen() {
        return GroupPacket.<GroupPacket>list("status", DropStatus.FROZEN).stream().map(GroupPacketService::poolOf).toList();
    }

    /** An ACTIVE packet that Redis no longer holds freezes: grabs wait (503) until it is rebuilt. */
    @Override
    @Transactional
    public void freezeIfLost(String packetId) {
        GroupPacket packet = GroupPacket.lock(packetId);
        if (packet.status == DropStatus.ACTIVE && rebuilder.isLost(poolOf(packet))) {
            LOG.errorf("Redis lost lucky packet %s; it is frozen until the ledger has every relayed grab", packetId);
            packet.status = DropStatus.FROZEN;
        }
    }

    /** Rebuilds a frozen packet: one grab per member, open from its sending to its expiry. */
    @Override
    @Transactional
    public void rebuild(String packetId) {
        GroupPacket packet = GroupPacket.lock(packetId);
        if (packet.status != DropStatus.FROZEN) {
            return;
        }
        if (rebuilder.rebuild(poolOf(packet), packet.createdAt, packet.expiresAt, 1, 0, false)) {
            packet.status = DropStatus.ACTIVE;
        }
    }

    public List<GroupPacket> dueForLoading() {
        return GroupPacket.dueForLoading(50);
    }

    public List<GroupPacket> dueForClosing(Instant now) {
        return GroupPacket.dueForClosing(now, 50);
    }

    static GroupPacket find(String packetId) {
        return (Ids.storable(packetId) ? GroupPacket.<GroupPacket>findByIdOptional(packetId) : Optional.<GroupPacket>empty())
                .orElseThrow(() -> new RedpacketRefusals.PacketNotFound(packetId));
    }

    static PacketPools.Pool poolOf(GroupPacket packet) {
        return new PacketPools.Pool(PoolKind.GROUP_PACKET, packet.id, packet.paiId);
    }

    static GroupPacketView view(GroupPacket packet) {
        return new GroupPacketView(packet.id, packet.paiId, packet.senderId, packet.totalCents, packet.packetCount,
                packet.split, packet.greeting, packet.status, packet.createdAt, packet.expiresAt);
    }
}
