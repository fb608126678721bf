package pai.redpacket.rest;

import java.time.Instant;
import java.util.List;

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
