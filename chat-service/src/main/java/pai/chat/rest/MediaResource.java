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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import pai.chat.rest.ChatDtos.MediaView;
import pai.chat.service.media.MediaService;
import pai.chat.service.media.MediaService.Variant;
import pai.platform.error.CommonRefusals;
import pai.platform.error.InvalidFieldException;
import pai.platform.security.CurrentUser;

/** Image upload, and the signed URLs that serve it (no header needed: an img tag loads them). */
@Path("/api/chat/media")
@Tag(name = "media", description = "Images: upload, fresh signed URLs, and the files those URLs serve")
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
    @Operation(summary = "Upload an image (multipart field file: PNG, JPEG or GIF, at most 10 MiB) for a user or a service")
    @APIResponse(responseCode = "201", description = "The stored image with signed URLs that expire",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD: no field file, not a PNG, JPEG or GIF that decodes,"
            + " or more pixels than allowed")
    @APIResponse(responseCode = "413", description = "MEDIA_TOO_LARGE: over 10 MiB (PAYLOAD_TOO_LARGE for a body far"
            + " larger, refused before it is read)")
    @APIResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA_TYPE: the body is not multipart/form-data")
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
    @Operation(summary = "Fresh signed URLs of an image: for its owner, a member of a pai that shows it, or a service")
    @APIResponse(responseCode = "200", description = "The image with new signed URLs")
    @APIResponse(responseCode = "404", description = "MEDIA_NOT_FOUND: no such image, or none the caller may see")
    public MediaView urls(@PathParam("mediaId") String mediaId) {
        return MediaView.of(user.isService() ? media.forService(mediaId) : media.forViewer(user.id(), mediaId));
    }

    @GET
    @Path("/{mediaId}")
    @PermitAll
    @Operation(summary = "The image behind a signed URL (no header needed, so that an img tag loads it)")
    @APIResponse(responseCode = "200", description = "The image as uploaded, cacheable privately until the URL expires",
            content = { @Content(mediaType = "image/png"), @Content(mediaType = "image/jpeg"),
                @Content(mediaType = "image/gif") })
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    @APIResponse(responseCode = "403", description = "MEDIA_URL_INVALID: the signature does not match or has expired")
    @APIResponse(responseCode = "404", description = "MEDIA_NOT_FOUND: no such image")
    public Response original(@PathParam("mediaId") String mediaId, @QueryParam("exp") long exp, @QueryParam("sig") String sig) {
        return serve(media.open(mediaId, Variant.ORIGINAL, exp, sig));
    }

    @GET
    @Path("/{mediaId}/thumbnail")
    @PermitAll
    @Operation(summary = "The thumbnail behind a signed URL (no header needed, so that an img tag loads it)")
    @APIResponse(responseCode = "200", description = "The thumbnail, cacheable privately until the URL expires",
            content = { @Content(mediaType = "image/png"), @Content(mediaType = "image/jpeg") })
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_PARAMETER)
    @APIResponse(responseCode = "403", description = "MEDIA_URL_INVALID: the signature does not match or has expired")
    @APIResponse(responseCode = "404", description = "MEDIA_NOT_FOUND: no such image")
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
