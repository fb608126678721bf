package pai.chat.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import pai.chat.rest.ChatDtos.MediaView;
import pai.chat.service.media.MediaService;
import pai.platform.error.CommonRefusals;
import pai.platform.security.CurrentUser;

/** Fresh signed URLs of an image shown in a pai, for its members (signed URLs expire; messages keep the mediaId). */
@Path("/api/chat/pais/{paiId}/media")
@RolesAllowed(CurrentUser.USER)
@Tag(name = "media")
public class PaiMediaResource {
    private final MediaService media;
    private final CurrentUser user;

    public PaiMediaResource(MediaService media, CurrentUser user) {
        this.media = media;
        this.user = user;
    }

    @GET
    @Path("/{mediaId}")
    @Operation(summary = "Fresh signed URLs of an image shown in the pai, for its members")
    @APIResponse(responseCode = "200", description = "The image with new signed URLs")
    @APIResponse(responseCode = "403", description = CommonRefusals.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "PAI_NOT_FOUND, or MEDIA_NOT_FOUND: no such image in this pai")
    public MediaView urls(@PathParam("paiId") String paiId, @PathParam("mediaId") String mediaId) {
        return MediaView.of(media.forPai(user.id(), paiId, mediaId));
    }
}
