package pai.chat.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import pai.chat.rest.ChatDtos.MediaView;
import pai.chat.service.media.MediaService;
import pai.chat.service.media.MediaService.Variant;
import pai.platform.error.InvalidFieldException;
import pai.platform.security.CurrentUser;

/** Image upload, and the signed URLs that serve it (no header needed: an img tag loads them). */
@Path("/api/chat/media")
public class MediaResource {
    private final MediaService media;
    private final CurrentUser user;

    public MediaResource(MediaService media, CurrentUser user) {
        this.media = media;
        this.user = user;
    }

    @POST
    @RolesAllowed({ CurrentUser.USER, CurrentUser.SERVICE })
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file) {
        if (file == null) {
            throw new InvalidFieldException("file", "send the image as the multipart field 'file'");
        }
        MediaView view = MediaView.of(media.upload(user.id(), file.uploadedFile(), file.size()));
        return Response.created(URI.create(view.url())).entity(view).build();
    }

    /** Fresh signed URLs for whoever may see the image: its owner, a member of a pai that shows it, a service. */
    @GET
    @Path("/{mediaId}/urls")
    @RolesAllowed({ CurrentUser.USER, CurrentUser.SERVICE })
    public MediaView urls(@PathParam("mediaId") String mediaId) {
        return MediaView.of(user.isService() ? media.forService(mediaId) : media.forViewer(user.id(), mediaId));
    }

    @GET
    @Path("/{mediaId}")
    @PermitAll
    public Response original(@PathParam("mediaId") String mediaId, @QueryParam("exp") long exp, @QueryParam("sig") String sig) {
        return serve(media.open(mediaId, Variant.ORIGINAL, exp, sig));
    }

    @GET
    @Path("/{mediaId}/thumbnail")
    @PermitAll
    public Response thumbnail(@PathParam("mediaId") String mediaId, @QueryParam("exp") long exp, @QueryParam("sig") String sig) {
        return serve(media.open(mediaId, Variant.THUMBNAIL, exp, sig));
    }

    private static Response serve(MediaService.Served served) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), served.expires()).toSeconds());
        return Response.ok(served.file().toFile(), served.contentType())
                .header("Cache-Control", "private, max-age=" + maxAge)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
