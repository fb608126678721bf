package pai.redpacket.service.campaign;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import pai.platform.text.ShownText;

/** A campaign as an operator creates it (the body of POST /api/redpackets/campaigns). Money is long cents. */
public record CreateCampaign(
        @NotBlank @Size(max = 100) @Pattern(regexp = ShownText.PRINTABLE, message = ShownText.PRINTABLE_MESSAGE) String name,
        @NotNull @Min(1) @Max(MAX_BUDGET_CENTS) Long budgetCents,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @Size(max = 64) String timezone,
        @NotNull @Min(1) @Max(1000) Integer maxGrabsPerUser,
        @NotNull @Min(0) @Max(1000) Integer shareBonusGrabs,
        @NotNull @Min(0) @Max(1000) Integer maxBonusGrabsPerUser,
        @Min(0) @Max(1000) Integer dailyShareRewardCap) {
    /** 1,000,000,000 yuan. */
    public static final long MAX_BUDGET_CENTS = 100_000_000_000L;
}
