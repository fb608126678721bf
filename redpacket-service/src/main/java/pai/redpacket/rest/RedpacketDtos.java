package pai.redpacket.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import pai.platform.paging.Page;
import pai.redpacket.domain.CampaignStatus;
import pai.redpacket.domain.GroupPacket;
import pai.redpacket.domain.PacketDrop;
import pai.redpacket.domain.PoolStatus;
import pai.redpacket.domain.SplitMode;
import pai.redpacket.domain.Wallets;
import pai.redpacket.service.campaign.CampaignService;
import pai.redpacket.service.campaign.DropService;
import pai.redpacket.service.campaign.LiveService;
import pai.redpacket.service.grab.GrabStats;
import pai.redpacket.service.grouppacket.GroupPacketService;
import pai.redpacket.service.wallet.WalletService;

/**
 * The JSON answers of redpacket-service's API (docs/contract.md), made from what the services
 * return. Money is long cents everywhere. The request bodies are the services' own records
 * ({@code CreateCampaign}, {@code CreateDrop}, {@code SendPacket}).
 */
public final class RedpacketDtos {
    private RedpacketDtos() {
    }

    public record CampaignView(String id, String name, long budgetCents, Instant startsAt, Instant endsAt,
            String timezone, int maxGrabsPerUser, int shareBonusGrabs, int maxBonusGrabsPerUser,
            Integer dailyShareRewardCap, CampaignStatus status, long reservedCents, long grantedCents,
            long refundedCents, long remainingCents, long grabs, Instant createdAt) {
        static CampaignView of(CampaignService.Summary summary) {
            var campaign = summary.campaign();
            return new CampaignView(campaign.id, campaign.name, campaign.budgetCents, campaign.startsAt,
                    campaign.endsAt, campaign.timezone, campaign.maxGrabsPerUser, campaign.shareBonusGrabs,
                    campaign.maxBonusGrabsPerUser, campaign.dailyShareRewardCap, campaign.status,
                    campaign.reservedCents, summary.granted().cents(), campaign.refundedCents,
                    campaign.remainingCents(), summary.granted().count(), campaign.createdAt);
        }

        static Page<CampaignView> of(Page<CampaignService.Summary> page) {
            return new Page<>(page.items().stream().map(CampaignView::of).toList(), page.hasMore());
        }
    }

    public record DropView(String id, String campaignId, int packetCount, long amountCents, SplitMode split,
            Instant startsAt, Instant endsAt, PoolStatus status, Instant createdAt) {
        static DropView of(PacketDrop drop) {
            return new DropView(drop.id, drop.campaignId, drop.packetCount, drop.amountCents, drop.split,
                    drop.startsAt, drop.endsAt, drop.status, drop.createdAt);
        }

        static Page<DropView> of(Page<PacketDrop> page) {
            return new Page<>(page.items().stream().map(DropView::of).toList(), page.hasMore());
        }
    }

    public record GrabView(String grabId, String dropId, long amountCents, boolean replayed) {
    }

    public record DropState(String id, String campaignId, PoolStatus status, int packetCount, long remainingPackets,
            long grantedCents, Instant startsAt, Instant endsAt, GrabView myGrab) {
        static DropState of(DropService.Progress progress) {
            PacketDrop drop = progress.drop();
            GrabView mine = progress.mine().map(c -> new GrabView(c.grabId(), drop.id, c.amountCents(), true))
                    .orElse(null);
            return new DropState(drop.id, drop.campaignId, drop.status, drop.packetCount, progress.remainingPackets(),
                    progress.grantedCents(), drop.startsAt, drop.endsAt, mine);
        }
    }

    public record LiveCampaign(String id, String name, Instant startsAt, Instant endsAt, String timezone,
            long remainingChances, List<DropView> drops) {
        static LiveCampaign of(LiveService.LiveCampaign live) {
            var campaign = live.campaign();
            return new LiveCampaign(campaign.id, campaign.name, campaign.startsAt, campaign.endsAt, campaign.timezone,
                    live.remainingChances(), live.drops().stream().map(DropView::of).toList());
        }
    }

    public record Live(Instant serverTime, List<LiveCampaign> items) {
        static Live of(LiveService.Live live) {
            return new Live(live.serverTime(), live.campaigns().stream().map(LiveCampaign::of).toList());
        }
    }

    /**
     * This instance's grabs over the last {@code windowSeconds}, the current second included:
     * {@code counts} by outcome (the outcome tags of {@code pai.redpacket.grabs}), the same per second,
     * latencies in milliseconds exact to a 1.25x bucket (null with no grab), and the last 60 seconds
     * one by one, oldest first.
     */
    public record GrabStatsView(Instant serverTime, int windowSeconds, Map<String, Long> counts,
            Map<String, Double> grabsPerSecond, LatencyView latencyMs, List<StatsSecond> series) {
        static GrabStatsView of(GrabStats.Snapshot snapshot) {
            Map<String, Double> perSecond = new LinkedHashMap<>();
            snapshot.grabs().forEach((outcome, count) -> perSecond.put(outcome,
                    Math.round(count * 1000.0 / snapshot.windowSeconds()) / 1000.0));
            return new GrabStatsView(snapshot.serverTime(), snapshot.windowSeconds(), snapshot.grabs(), perSecond,
                    LatencyView.of(snapshot.latency()), snapshot.series().stream().map(StatsSecond::of).toList());
        }
    }

    /** The same for one campaign's drops, with its money as {@code GET /campaigns/{id}} answers it. */
    public record CampaignStatsView(String campaignId, Instant serverTime, int windowSeconds, Map<String, Long> counts,
            Map<String, Double> grabsPerSecond, LatencyView latencyMs, List<StatsSecond> series, long budgetCents,
            long reservedCents, long grantedCents, long refundedCents, long remainingCents) {
        static CampaignStatsView of(CampaignService.Summary summary, GrabStats.Snapshot snapshot) {
            CampaignView money = CampaignView.of(summary);
            GrabStatsView grabs = GrabStatsView.of(snapshot);
            return new CampaignStatsView(money.id(), grabs.serverTime(), grabs.windowSeconds(), grabs.counts(),
                    grabs.grabsPerSecond(), grabs.latencyMs(), grabs.series(), money.budgetCents(),
                    money.reservedCents(), money.grantedCents(), money.refundedCents(), money.remainingCents());
        }
    }

    public record LatencyView(Double p50, Double p99, Double max) {
        static LatencyView of(GrabStats.Latencies latency) {
            return new LatencyView(millis(latency.p50Nanos()), millis(latency.p99Nanos()), millis(latency.maxNanos()));
        }
    }

    public record StatsSecond(Instant second, Map<String, Long> outcomes, Double p99Ms) {
        static StatsSecond of(GrabStats.Second second) {
            return new StatsSecond(second.second(), second.grabs(), millis(second.p99Nanos()));
        }
    }

    /** Milliseconds to the microsecond, null for none. */
    private static Double millis(Optional<Long> nanos) {
        return nanos.map(n -> Math.round(n / 1_000.0) / 1_000.0).orElse(null);
    }

    public record GroupPacketView(String id, String paiId, String senderId, long totalCents, int count, SplitMode split,
            String greeting, PoolStatus status, Instant createdAt, Instant expiresAt) {
        static GroupPacketView of(GroupPacket packet) {
            return new GroupPacketView(packet.id, packet.paiId, packet.senderId, packet.totalCents, packet.packetCount,
                    packet.split, packet.greeting, packet.status, packet.createdAt, packet.expiresAt);
        }
    }

    public record PacketClaim(String userId, long amountCents, Instant grabbedAt) {
        static PacketClaim of(GroupPacketService.Claim claim) {
            return claim == null ? null : new PacketClaim(claim.userId(), claim.amountCents(), claim.grabbedAt());
        }
    }

    public record GroupPacketState(GroupPacketView packet, int remainingCount, List<PacketClaim> items,
            boolean hasMore, PacketClaim luckiest) {
        static GroupPacketState of(GroupPacketService.Progress progress) {
            return new GroupPacketState(GroupPacketView.of(progress.packet()), progress.remainingCount(),
                    progress.claims().stream().map(PacketClaim::of).toList(), false, PacketClaim.of(progress.luckiest()));
        }
    }

    public record PacketGrabView(String grabId, String packetId, long amountCents, boolean replayed) {
    }

    public record WalletEntryView(long id, long amountCents, String kind, String refId, Instant createdAt) {
        static WalletEntryView of(Wallets.Entry entry) {
            return new WalletEntryView(entry.id(), entry.amountCents(), entry.kind(), entry.refId(), entry.createdAt());
        }
    }

    public record WalletView(long balanceCents, long pendingCents, List<WalletEntryView> entries, boolean hasMore) {
        static WalletView of(WalletService.Wallet wallet) {
            return new WalletView(wallet.balanceCents(), wallet.pendingCents(),
                    wallet.entries().stream().map(WalletEntryView::of).toList(), wallet.hasMore());
        }
    }
}
