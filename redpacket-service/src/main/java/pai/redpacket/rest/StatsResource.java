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
import pai.redpacket.rest.RedpacketDtos.GrabStatsView;
import pai.redpacket.service.grab.GrabStats;

/** The operator console's live grab figures of this instance, as JSON (a browser reads no Prometheus text). */
@Path("/api/redpackets/stats")
@RolesAllowed(CurrentUser.OPERATOR)
@Tag(name = "stats", description = "Campaign operators: live grab figures of this instance, per second")
public class StatsResource {
    private final GrabStats stats;

    public StatsResource(GrabStats stats) {
        this.stats = stats;
    }

    @GET
    @Operation(summary = "This instance's grabs per second by outcome, their p50, p99 and largest latency over the"
            + " last windowSeconds, and each of the last 60 seconds")
    @APIResponse(responseCode = "200", description = "The figures over the window, the current second included")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    public GrabStatsView service(@QueryParam("windowSeconds") @DefaultValue("10") @Min(1)
            @Max(GrabStats.SPAN_SECONDS) int windowSeconds) {
        return GrabStatsView.of(stats.service(windowSeconds));
    }
}
