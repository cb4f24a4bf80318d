package com.mustbeviral.auth.session.rest;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.service.Login;
import com.mustbeviral.auth.session.service.RefreshOutcome;
import com.mustbeviral.auth.session.service.SessionFamilies;
import com.mustbeviral.auth.session.service.SessionTokens;
import com.mustbeviral.auth.session.service.TokenPair;
import com.mustbeviral.auth.web.Caller;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Login, token refresh and logout. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    private final Login login;
    private final SessionTokens tokens;
    private final SessionFamilies sessions;
    private final Caller caller;

    LoginResource(Login login, SessionTokens tokens, SessionFamilies sessions, Caller caller) {
        this.login = login;
        this.tokens = tokens;
        this.sessions = sessions;
        this.caller = caller;
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with email or username and password; starts a session")
    public Response login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) throws SQLException {
        return noStore(TokenResponse.of(login.login(request.identifier(), request.password(), request.newPassword(),
                http.remoteAddress().hostAddress(), http.getHeader("User-Agent"))));
    }

    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token for a new pair; the old refresh token stops working")
    public Response refresh(@Valid @NotNull RefreshRequest request) throws SQLException {
        return switch (tokens.refresh(request.refreshToken())) {
            case RefreshOutcome.Rotated<TokenPair> rotated -> noStore(TokenResponse.of(rotated.value()));
            case RefreshOutcome.Rejected<TokenPair> rejected -> throw invalidGrant("The refresh token is unknown, expired or revoked.");
            case RefreshOutcome.ReuseDetected<TokenPair> reuse -> throw invalidGrant(
                    "The refresh token was already used; its session has been revoked. Log in again.");
        };
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "End the session of the presented access token")
    public Response logout() throws SQLException {
        sessions.revoke(caller.userId(), caller.sessionId(), "logout");
        return Response.noContent().build();
    }

    private static Response noStore(TokenResponse tokens) {
        // RFC 6749 section 5.1: responses carrying tokens must not be cached.
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private static Refusal invalidGrant(String detail) {
        // The OAuth error code too (RFC 6749 section 5.2), for clients that read only that.
        return new Refusal(AuthRefusal.INVALID_REFRESH_TOKEN, detail).with("error", "invalid_grant");
    }
}
