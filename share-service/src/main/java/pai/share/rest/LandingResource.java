package pai.share.rest;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import pai.platform.rest.ClientAddress;
import pai.share.domain.ShareLink;
import pai.share.service.ShareMeters;
import pai.share.service.link.LinkPreviews;
import pai.share.service.link.ShareLinks;
import pai.share.service.link.ShareTargets;
import pai.share.service.visit.Clicks;
import pai.share.service.visit.Visitors;

/**
 * {@code /s/{code}}, what a shared link opens, without sign-in: a 302 to the target's page in the web
 * client, counting the click; for a crawler drawing a link preview, a small page of Open Graph tags instead.
 */
@Path("/s")
@PermitAll
@Tag(name = "landing", description = "What a shared link opens, without sign-in")
public class LandingResource {
    /** The user agents of link previewers: their fetches draw a card, they are no visitor and no click. */
    private static final Pattern CRAWLERS = Pattern.compile(
            "facebookexternalhit|facebot|twitterbot|slackbot|discordbot|telegrambot|whatsapp|linkedinbot|skypeuripreview"
                    + "|googlebot|bingbot|baiduspider|bytespider|sogou|yisouspider|360spider|applebot|embedly|iframely"
                    + "|pinterest|redditbot|vkshare|line-poker|kakaotalk-scrap|\\bbot\\b|crawler|spider|preview",
            Pattern.CASE_INSENSITIVE);
    private static final Duration COOKIE_AGE = Duration.ofDays(365);

    private final ShareLinks links;
    private final Clicks clicks;
    private final Visitors visitors;
    private final LinkPreviews previews;
    private final ShareMeters meters;

    public LandingResource(ShareLinks links, Clicks clicks, Visitors visitors, LinkPreviews previews, ShareMeters meters) {
        this.links = links;
        this.clicks = clicks;
        this.visitors = visitors;
        this.previews = previews;
        this.meters = meters;
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Open a shared link (no sign-in), counting the click once per visitor and campaign day")
    @APIResponse(responseCode = "302", description = "To the target's page in the web client, with ?share={code}",
            headers = @Header(name = "Location", description = "relative, so the visitor stays on the gateway's origin"))
    @APIResponse(responseCode = "200", description = "For a link previewer: a page of Open Graph tags; no click counted",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "404", description = "SHARE_NOT_FOUND: no link has this code")
    public Response open(@PathParam("code") String code, @CookieParam(Visitors.COOKIE) String cookie,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language, @Context HttpServerRequest request,
            @Context UriInfo uri) {
        ShareLink link = links.find(code);
        if (isCrawler(userAgent) && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            meters.clicked("preview");
            return Response.ok(previews.page(link, uri.getBaseUri()), "text/html; charset=utf-8")
                    .header("Cache-Control", "public, max-age=300").build();
        }
        Visitors.Visitor visitor = visitors.identify(cookie, ClientAddress.of(request), userAgent, language);
        clicks.click(link, visitor.key());
        // A relative Location keeps the visitor on the origin they came through (the gateway).
        Response.ResponseBuilder redirect = Response.status(302).header("Location", ShareTargets.webPath(link))
                .header("Cache-Control", "no-store");
        if (visitor.cookieToSet() != null) {
            redirect.cookie(new NewCookie.Builder(Visitors.COOKIE).value(visitor.cookieToSet()).path("/s/")
                    .maxAge((int) COOKIE_AGE.toSeconds()).httpOnly(true).secure("https".equals(uri.getBaseUri().getScheme()))
                    .sameSite(NewCookie.SameSite.LAX).build());
        }
        return redirect.build();
    }

    @GET
    @Path("/{code}/preview.png")
    @Operation(summary = "The link's preview picture for link previewers")
    @APIResponse(responseCode = "200", description = "A 1200×630 PNG", content = @Content(mediaType = "image/png"))
    @APIResponse(responseCode = "404", description = "SHARE_NOT_FOUND: no link has this code")
    public Response previewImage(@PathParam("code") String code) {
        ShareLink link = links.find(code);
        return Response.ok(previews.image(link), "image/png").header("Cache-Control", "public, max-age=3600").build();
    }

    static boolean isCrawler(String userAgent) {
        return userAgent != null && CRAWLERS.matcher(userAgent).find();
    }
}
