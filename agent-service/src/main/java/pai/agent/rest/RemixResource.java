package pai.agent.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.agent.client.ChatMediaClient.StoredImage;
import pai.agent.service.remix.RemixService;
import pai.agent.service.remix.RemixStyle;
import pai.platform.security.CurrentUser;

@Path("/api/agents/remix")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "remixer", description = "The remixer: an image re-made as a sketch, a cartoon, pixel art or a meme")
public class RemixResource {
    private final RemixService remixes;
    private final CurrentUser user;

    public RemixResource(RemixService remixes, CurrentUser user) {
        this.remixes = remixes;
        this.user = user;
    }

    public record RemixRequest(@NotBlank @Size(max = 64) String mediaId, @NotNull RemixStyle style,
            @Size(max = 100) String caption) {
    }

    /** The shape of chat-service's {@code POST /api/chat/media} answer: the new image is media like any other. */
    public record RemixedImage(String mediaId, String contentType, int width, int height, String url, String thumbnailUrl) {
        static RemixedImage of(StoredImage stored) {
            return new RemixedImage(stored.mediaId(), stored.contentType(), stored.width(), stored.height(), stored.url(),
                    stored.thumbnailUrl());
        }
    }

    @POST
    @Operation(summary = "Re-create an image you may see as a sketch, cartoon, pixel art or captioned meme; the result is new media you own")
    @APIResponse(responseCode = "201", description = "The new image, in the shape of POST /api/chat/media's answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RemixedImage.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: no image with this"
            + " mediaId that the caller may see, one too large to remix, a MEME without a caption; field names it")
    @APIResponse(responseCode = "503", description = "BUSY: chat-service did not answer, or did not store the new image")
    public Response remix(@Valid @NotNull RemixRequest request) {
        // The caller's own token reads the image and stores the result: chat-service decides what they may see.
        RemixedImage remixed = RemixedImage.of(remixes.remix(request.mediaId(), request.style(), request.caption(), user.bearer()));
        return Response.created(URI.create(remixed.url())).entity(remixed).build();
    }
}
