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
import jakarta.ws.rs.core.Response;

import pai.chat.rest.ChatDtos.MessageView;
import pai.chat.rest.ChatDtos.PostMessage;
import pai.chat.service.message.MessageHistory;
import pai.chat.service.message.MessageRecall;
import pai.chat.service.message.UserPosting;
import pai.events.chat.MessageKind;
import pai.platform.rest.Page;
import pai.platform.security.CurrentUser;

@Path("/api/chat/pais/{paiId}/messages")
@RolesAllowed(CurrentUser.USER)
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
    public Page<MessageView> history(@PathParam("paiId") String paiId,
            @QueryParam("beforeSeq") @Min(1) Long beforeSeq,
            @QueryParam("afterSeq") @Min(0) Long afterSeq,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        var page = history.history(user.id(), paiId, beforeSeq, afterSeq, limit);
        return new Page<>(page.items().stream().map(MessageView::of).toList(), page.hasMore());
    }

    @POST
    @Path("/{seq}/recall")
    public MessageView recall(@PathParam("paiId") String paiId, @PathParam("seq") @Min(1) long seq) {
        return MessageView.of(recall.recall(user.id(), paiId, seq));
    }
}
