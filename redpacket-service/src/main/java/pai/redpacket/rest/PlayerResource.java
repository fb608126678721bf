package pai.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.platform.error.CommonRefusals;
import pai.platform.security.CurrentUser;
import pai.redpacket.rest.RedpacketDtos.Live;
import pai.redpacket.rest.RedpacketDtos.WalletView;
import pai.redpacket.service.campaign.LiveService;
import pai.redpacket.service.wallet.WalletService;

/** What every user sees: the live campaigns and their own wallet. */
@Path("/api/redpackets")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "player", description = "What every user sees: the live campaigns and their own wallet")
public class PlayerResource {
    private final LiveService live;
    private final WalletService wallets;
    private final CurrentUser user;

    public PlayerResource(LiveService live, WalletService wallets, CurrentUser user) {
        this.live = live;
        this.wallets = wallets;
        this.user = user;
    }

    @GET
    @Path("/live")
    @Operation(summary = "The campaigns open now with their active and next drops, and the caller's chances left in each")
    @APIResponse(responseCode = "200", description = "The server time and the live campaigns")
    public Live live() {
        return Live.of(live.live(user.id()));
    }

    @GET
    @Path("/wallet")
    @Operation(summary = "The caller's wallet: balance, pending grabs and ledger entries, newest first; beforeId is the"
            + " last entry seen")
    @APIResponse(responseCode = "200", description = "The balance, the cents won but not yet in the ledger, and a page of"
            + " entries")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    public WalletView wallet(@QueryParam("beforeId") @Min(1) Long beforeId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return WalletView.of(wallets.wallet(user.id(), beforeId, limit));
    }
}
