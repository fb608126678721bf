package pai.redpacket.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import pai.redpacket.domain.CampaignStatus;
import pai.redpacket.domain.DropStatus;
import pai.redpacket.domain.SplitMode;

/** The JSON shapes of redpacket-service's API (docs/contract.md). Money is long cents everywhere. */
public final class RedpacketDtos {
    /** 1,000,000,000 yuan. */
    public static final long MAX_BUDGET_CENTS = 100_000_000_000L;
    /** Text shown to people holds no control characters (PostgreSQL cannot even store NUL). */
    static final String PRINTABLE = "\\P{Cc}*";
    static final String PRINTABLE_MESSAGE = "must not contain control characters";

    private RedpacketDtos() {
    }

    public record CreateCampaign(
            @NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE) String name,
            @NotNull @Min(1) @Max(MAX_BUDGET_CENTS) Long budgetCents,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @Size(max = 64) String timezone,
            @NotNull @Min(1) @Max(1000) Integer maxGrabsPerUser,
            @NotNull @Min(0) @Max(1000) Integer shareBonusGrabs,
            @NotNull @Min(0) @Max(1000) Integer maxBonusGrabsPerUser,
            @Min(0) @Max(1000) Integer dailyShareRewardCap) {
    }

    public record CampaignView(String id, String name, long budgetCents, Instant startsAt, Instant endsAt,
            String timezone, int maxGrabsPerUser, int shareBonusGrabs, int maxBonusGrabsPerUser,
            Integer dailyShareRewardCap, CampaignStatus status, long reservedCents, long grantedCents,
            long refundedCents, long remainingCents, long grabs, Instant createdAt) {
    }

    public record CreateDrop(
            @NotNull @Min(1) @Max(1_000_000) Integer packetCount,
            @NotNull @Min(1) @Max(MAX_BUDGET_CENTS) Long amountCents,
            @NotNull SplitMode split,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt) {
    }

    public record DropView(String id, String campaignId, int packetCount, long amountCents, SplitMode split,
            Instant startsAt, Instant endsAt, DropStatus status, Instant createdAt) {
    }

    public record GrabView(String grabId, String dropId, long amountCents, boolean replayed) {
    }

    public record DropState(String id, String campaignId, DropStatus status, int packetCount, long remainingPackets,
            long grantedCents, Instant startsAt, Instant endsAt, GrabView myGrab) {
    }

    public record LiveCampaign(String id, String name, Instant startsAt, Instant endsAt, String timezone,
            long remainingChances, List<DropView> drops) {
    }

    public record Live(Instant serverTime, List<LiveCampaign> items) {
    }

    /** 20,000 yuan: the most one group lucky packet may hold. */
    public static final long MAX_GROUP_PACKET_CENTS = 2_000_000L;

    public record SendPacket(
            @NotNull @Min(1) @Max(MAX_GROUP_PACKET_CENTS) Long totalCents,
            @NotNull @Min(1) @Max(200) Integer count,
            @NotNull SplitMode split,
            @Size(max = 100) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE) String greeting) {
    }

    public record GroupPacketView(String id, String paiId, String senderId, long totalCents, int count, SplitMode split,
            String greeting, DropStatus status, Instant createdAt, Instant expiresAt) {
    }

    public record PacketClaim(String userId, long amountCents, Instant grabbedAt) {
    }

    public record GroupPacketState(GroupPacketView packet, int remainingCount, List<PacketClaim> items,
            boolean hasMore, PacketClaim luckiest) {
    }

    public record PacketGrabView(String grabId, String packetId, long amountCents, boolean replayed) {
    }

    public record Reconciliation(boolean ok, long packetsCents, long claimedCents, long ledgerCents,
            long refundedCents, long redisCents, long pending, List<String> differences) {
    }

    public record WalletEntryView(long id, long amountCents, String kind, String refId, Instant createdAt) {
    }

    public record WalletView(long balanceCents, long pendingCents, List<WalletEntryView> entries, boolean hasMore) {
    }
}
