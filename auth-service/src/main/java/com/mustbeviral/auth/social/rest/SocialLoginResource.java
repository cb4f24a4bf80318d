package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.social.service.SocialLogin;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Social login with Google, GitHub and X: the redirect to the provider, and its callback. */
@Path("/api/auth/oauth/{provider}")
@Produces(MediaType.APPLICATION_JSON)
public class SocialLoginResource {

    private final SocialLogin social;
    private final StateCookie cookie;

    SocialLoginResource(SocialLogin social, StateCookie cookie) {
        this.social = social;
        this.cookie = cookie;
    }

    @GET
    @Path("/authorize")
    @Operation(summary = "Start a social login: redirects the browser to the provider (google, github, twitter)")
    public Response authorize(@PathParam("provider") String provider,
            @Parameter(description = "App URL that receives the result; must be registered, exact match")
            @QueryParam("redirect_uri") String redirectUri,
            @Parameter(description = "fragment (default): tokens in the redirect_uri's fragment; json: the callback answers JSON")
            @QueryParam("response_mode") String responseMode,
            @Parameter(description = "The app's own value, returned unchanged with the result")
            @QueryParam("state") String appState) {
        SocialLogin.Started started = social.start(provider, redirectUri, responseMode, appState, null);
        return SocialLoginAnswer.noStore(Response.status(Response.Status.FOUND).location(started.authorizationUrl())
                .cookie(cookie.bind(started.state())));
    }

    @GET
    @Path("/callback")
    @Operation(summary = "Where the provider sends the browser back; ends in our tokens for the app")
    public Response callback(@PathParam("provider") String provider, @QueryParam("code") String code,
            @QueryParam("state") String state, @QueryParam("error") String error,
            @CookieParam(StateCookie.NAME) String boundState, @Context HttpServerRequest http, @Context UriInfo uri)
            throws SQLException {
        SocialLogin.Outcome outcome = social.complete(provider, new SocialLogin.Callback(code, state, error, boundState),
                http.remoteAddress().hostAddress(), http.getHeader("User-Agent"));
        return SocialLoginAnswer.of(outcome, cookie.clear(), uri.getPath());
    }
}
