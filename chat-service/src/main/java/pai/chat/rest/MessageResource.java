package pai.chat.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.chat.rest.ChatDtos.MessageView;
import pai.chat.rest.ChatDtos.PostMessage;
import pai.chat.service.message.MessageHistory;
import pai.chat.service.message.MessageRecall;
import pai.chat.service.message.UserPosting;
import pai.events.chat.MessageKind;
import pai.platform.error.CommonRefusals;
import pai.platform.paging.Page;
import pai.platform.security.CurrentUser;

@Path("/api/chat/pais/{paiId}/messages")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "messages", description = "A pai's messages: post, history both ways, recall")
public class MessageResource {
    private final UserPosting posting;
    private final MessageHistory history;
    private final MessageRecall recall;
    private final CurrentUser user;

    public MessageResource(UserPosting posting, MessageHistory history, MessageRecall recall, CurrentUser user) {
        this.posting = posting;
        this.history = history;
        this.recall = recall;
        this.user = user;
    }

    /** 201 for a new message; 200 with the original when the same clientMsgId is sent again. */
    @POST
    @Operation(summary = "Post a TEXT or IMAGE message; its seq is the pai's next, with no gaps")
    @APIResponse(responseCode = "201", description = "The new message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "200", description = "The message the caller posted earlier with this clientMsgId",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: a TEXT without 1..4000"
            + " characters, an IMAGE without a mediaId the caller may post, a replyToSeq the pai has not reached; field"
            + " names it")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: the caller's send limit; Retry-After says when to come"
            + " back")
    public Response post(@PathParam("paiId") String paiId, @Valid @NotNull PostMessage request) {
        var posted = posting.post(user.id(), paiId, new UserPosting.NewMessage(request.clientMsgId(),
                MessageKind.valueOf(request.kind().name()), request.text(), request.mediaId(), request.replyToSeq()));
        MessageView view = MessageView.of(posted.message());
        if (!posted.created()) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/chat/pais/" + paiId + "/messages/" + view.seq())).entity(view).build();
    }

    @GET
    @Operation(summary = "History: newest first before beforeSeq, or oldest first after afterSeq; limit at most 200")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD: beforeSeq and afterSeq together, or a parameter that"
            + " does not parse or is out of range")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND: no such pai")
    public Page<MessageView> history(@PathParam("paiId") String paiId,
            @QueryParam("beforeSeq") @Min(1) Long beforeSeq,
            @QueryParam("afterSeq") @Min(0) Long afterSeq,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        var page = history.history(user.id(), paiId, beforeSeq, afterSeq, limit);
        return new Page<>(page.items().stream().map(MessageView::of).toList(), page.hasMore());
    }

    @POST
    @Path("/{seq}/recall")
    @Operation(summary = "Recall a message: its sender within 2 minutes, an admin or the owner at any time")
    @APIResponse(responseCode = "200", description = "The message, now RECALLED for everyone, its text gone")
    @APIResponse(responseCode = "400", description = "INVALID_FIELD: seq is below 1")
    @APIResponse(responseCode = "403", description = "NOT_A_MEMBER, or INSUFFICIENT_ROLE: neither its sender nor an admin")
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND, or MESSAGE_NOT_FOUND: no message with this seq")
    @APIResponse(responseCode = "409", description = "RECALL_WINDOW_PASSED: the sender's 2 minutes are over;"
            + " NOT_RECALLABLE: a red-packet card stays")
    public MessageView recall(@PathParam("paiId") String paiId, @PathParam("seq") @Min(1) long seq) {
        return MessageView.of(recall.recall(user.id(), paiId, seq));
    }
}
