package pai.chat.rest;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import pai.chat.rest.AuthDtos.MeView;
import pai.chat.rest.AuthDtos.RefreshTokenBody;
import pai.chat.rest.AuthDtos.SessionView;
import pai.chat.rest.AuthDtos.SignIn;
import pai.chat.service.account.AccountService;
import pai.chat.service.account.ProfileChange;
import pai.chat.service.account.SignUp;
import pai.platform.error.CommonRefusals;
import pai.platform.rest.ClientAddress;
import pai.platform.security.CurrentUser;

/**
 * Accounts: sign-up, sign-in, refresh and sign-out need no token (they are how one gets one); {@code /me}
 * is the caller's own account. Answers that carry tokens are never cached.
 */
@Path("/api/auth")
@Tag(name = "accounts", description = "Sign-up, sign-in, token refresh and sign-out; the caller's own account")
public class AuthResource {
    private static final String SIGNED_IN = "Signed in: the account, an access token (expiresIn seconds) and a"
            + " refresh token";

    private final AccountService accounts;
    private final CurrentUser user;

    public AuthResource(AccountService accounts, CurrentUser user) {
        this.accounts = accounts;
        this.user = user;
    }

    @POST
    @Path("/signup")
    @PermitAll
    @Operation(summary = "Sign up with a name (3..32 of A-Z a-z 0-9 _ - .) and a password (8..128 characters)")
    @APIResponse(responseCode = "201", description = SIGNED_IN,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    @APIResponse(responseCode = "409", description = "NAME_TAKEN: an account has this name, in this case or another")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED (reason SIGNUPS_FROM_ADDRESS): too many sign-ups from"
            + " this client address; Retry-After says when the window ends",
            headers = @Header(name = "Retry-After", description = "seconds until the window ends"))
    public Response signUp(@Valid @NotNull SignUp request, @Context HttpServerRequest http) {
        return noStore(Response.created(URI.create("/api/auth/me")),
                SessionView.of(accounts.signUp(request, ClientAddress.of(http))));
    }

    @POST
    @Path("/signin")
    @PermitAll
    @Operation(summary = "Sign in with name and password; tries that fail lock the name and the client address a while")
    @APIResponse(responseCode = "200", description = SIGNED_IN,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    @APIResponse(responseCode = "401", description = "BAD_CREDENTIALS: no account has this name, or the password is"
            + " wrong (one answer for both)")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many failed sign-ins of this name (reason"
            + " NAME_LOCKED) or from this address (ADDRESS_LOCKED); refused even with the right password until"
            + " Retry-After seconds have passed",
            headers = @Header(name = "Retry-After", description = "seconds until the lock ends"))
    @APIResponse(responseCode = "503", description = "BUSY: too many sign-ins at once; try again in a moment")
    public Response signIn(@Valid @NotNull SignIn request, @Context HttpServerRequest http) {
        return noStore(Response.ok(), SessionView.of(accounts.signIn(request.name(), request.password(), ClientAddress.of(http))));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "A new access token and refresh token for a refresh token, which is spent by it")
    @APIResponse(responseCode = "200", description = SIGNED_IN,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    @APIResponse(responseCode = "401", description = "REFRESH_TOKEN_INVALID: unknown, expired, spent or revoked; a spent"
            + " one shown again also revokes every token it led to")
    public Response refresh(@Valid @NotNull RefreshTokenBody request) {
        return noStore(Response.ok(), SessionView.of(accounts.refresh(request.refreshToken())));
    }

    @POST
    @Path("/signout")
    @PermitAll
    @Operation(summary = "Sign out: the refresh token, and every token of its session, stop working")
    @APIResponse(responseCode = "204", description = "Signed out (also for a token that was not valid any more)")
    @APIResponse(responseCode = "400", description = CommonRefusals.INVALID_INPUT)
    public Response signOut(@Valid @NotNull RefreshTokenBody request) {
        accounts.signOut(request.refreshToken());
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @RolesAllowed(CurrentUser.USER)
    @Operation(summary = "The caller's account, with its roles")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeView.class)))
    @APIResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND: the token's user has no account (a dev token)")
    public MeView me() {
        return MeView.of(accounts.me(user.id()));
    }

    @PUT
    @Path("/me")
    @RolesAllowed(CurrentUser.USER)
    @Operation(summary = "Change the caller's display name (1..40 characters) or avatar (an image the caller uploaded)")
    @APIResponse(responseCode = "200", description = "The account as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_FIELD, INVALID_JSON or MALFORMED_JSON: the body is not what"
            + " it should be, or avatarMediaId is not an image the caller uploaded; field names it")
    @APIResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND: the token's user has no account (a dev token)")
    public MeView update(@Valid @NotNull ProfileChange request) {
        return MeView.of(accounts.update(user.id(), request));
    }

    private static Response noStore(Response.ResponseBuilder response, SessionView session) {
        return response.entity(session).header("Cache-Control", "no-store").build();
    }
}
