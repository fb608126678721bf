package pai.redpacket.service.campaign;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import pai.redpacket.domain.SplitMode;

/** A drop an operator launches from a campaign's budget (the body of POST …/drops). */
public record CreateDrop(
        @NotNull @Min(1) @Max(1_000_000) Integer packetCount,
        @NotNull @Min(1) @Max(CreateCampaign.MAX_BUDGET_CENTS) Long amountCents,
        @NotNull SplitMode split,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt) {
}
