package pai.redpacket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import pai.platform.security.CurrentUser;
import pai.redpacket.rest.RedpacketDtos.Live;
import pai.redpacket.rest.RedpacketDtos.WalletView;
import pai.redpacket.service.campaign.LiveService;
import pai.redpacket.service.wallet.WalletService;

/** What every user sees: the live campaigns and their own wallet. */
@Path("/api/redpackets")
@RolesAllowed(CurrentUser.USER)
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
    public Live live() {
        return Live.of(live.live(user.id()));
    }

    @GET
    @Path("/wallet")
    public WalletView wallet(@QueryParam("beforeId") @Min(1) Long beforeId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return WalletView.of(wallets.wallet(user.id(), beforeId, limit));
    }
}
