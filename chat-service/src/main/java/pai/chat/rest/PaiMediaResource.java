package pai.chat.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import pai.chat.rest.ChatDtos.MediaView;
import pai.chat.service.media.MediaService;
import pai.platform.security.CurrentUser;

/** Fresh signed URLs of an image shown in a pai, for its members (signed URLs expire; messages keep the mediaId). */
@Path("/api/chat/pais/{paiId}/media")
@RolesAllowed(CurrentUser.USER)
public class PaiMediaResource {
    private final MediaService media;
    private final CurrentUser user;

    public PaiMediaResource(MediaService media, CurrentUser user) {
        this.media = media;
        this.user = user;
    }

    @GET
    @Path("/{mediaId}")
    public MediaView urls(@PathParam("paiId") String paiId, @PathParam("mediaId") String mediaId) {
        return MediaView.of(media.forPai(user.id(), paiId, mediaId));
    }
}
