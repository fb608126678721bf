package pai.redpacket.service.grouppacket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import pai.platform.text.ShownText;
import pai.redpacket.domain.SplitMode;

/** A lucky packet a member sends into a pai from their wallet (the body of POST …/pais/{paiId}/packets). */
public record SendPacket(
        @NotNull @Min(1) @Max(MAX_GROUP_PACKET_CENTS) Long totalCents,
        @NotNull @Min(1) @Max(200) Integer count,
        @NotNull SplitMode split,
        @Size(max = 100) @Pattern(regexp = ShownText.PRINTABLE, message = ShownText.PRINTABLE_MESSAGE) String greeting) {
    /** 20,000 yuan: the most one lucky packet may hold. */
    public static final long MAX_GROUP_PACKET_CENTS = 2_000_000L;
}
