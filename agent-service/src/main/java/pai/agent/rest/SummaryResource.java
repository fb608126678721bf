package pai.agent.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.agent.service.summary.Summary;
import pai.agent.service.summary.SummaryService;
import pai.events.agent.KeyPoint;
import pai.platform.error.CommonRefusals;
import pai.platform.security.CurrentUser;

@Path("/api/agents/pais/{paiId}/summary")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "summarizer", description = "The summarizer: the key points of a pai's talk, with who said them")
public class SummaryResource {
    private final SummaryService summaries;
    private final CurrentUser user;

    public SummaryResource(SummaryService summaries, CurrentUser user) {
        this.summaries = summaries;
        this.user = user;
    }

    /** Either the last {@code lastN} messages (default 200) or those after {@code sinceSeq}. */
    public record SummaryRequest(@Min(1) @Max(1000) Integer lastN, @Min(0) Long sinceSeq) {
    }

    public record SummaryView(String summary, List<KeyPoint> keyPoints, long fromSeq, long toSeq) {
        static SummaryView of(Summary summary) {
            return new SummaryView(summary.text(), summary.keyPoints(), summary.fromSeq(), summary.toSeq());
        }
    }

    @POST
    @Operation(summary = "Summarise the pai's recent talk: key points with who said them, and the seq range covered")
    @APIResponse(responseCode = "200", description = "The summary of the last lastN messages (200 by default) or of those"
            + " after sinceSeq")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: lastN and sinceSeq"
            + " together, or one out of range; field names it")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    public SummaryView summarize(@PathParam("paiId") String paiId, @Valid SummaryRequest request) {
        SummaryRequest asked = request == null ? new SummaryRequest(null, null) : request;
        return SummaryView.of(summaries.forMember(user.id(), paiId, asked.lastN(), asked.sinceSeq()));
    }
}
