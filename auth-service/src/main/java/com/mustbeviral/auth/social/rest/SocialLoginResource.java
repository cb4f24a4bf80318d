package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.session.rest.TokenResponse;
import com.mustbeviral.auth.social.provider.ProviderIdentities;
import com.mustbeviral.auth.social.provider.ProviderUnavailable;
import com.mustbeviral.auth.social.service.PendingSocialLogin;
import com.mustbeviral.auth.social.service.ProviderIdentity;
import com.mustbeviral.auth.social.service.SocialLogin;
import com.mustbeviral.auth.social.service.SocialProviders;
import com.mustbeviral.auth.social.service.SocialRefusal;
import io.quarkus.oidc.OidcSession;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Social login with Google, GitHub and X. The provider round trip is quarkus-oidc's: each provider is
 * a web-app tenant on {@code /api/auth/oauth/{provider}/*}, whose challenge sends the browser to the
 * provider and whose callback verifies the answer before {@link #callback} runs.
 */
@Path("/api/auth/oauth")
@Produces(MediaType.APPLICATION_JSON)
public class SocialLoginResource {

    private static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(30);

    private final SocialLogin social;
    private final SocialProviders providers;
    private final ProviderIdentities identities;
    private final OidcAuthenticationMechanism oidc;
    private final OidcSession oidcSession;
    private final FlowCookie cookie;

    SocialLoginResource(SocialLogin social, SocialProviders providers, ProviderIdentities identities,
            OidcAuthenticationMechanism oidc, OidcSession oidcSession, FlowCookie cookie) {
        this.social = social;
        this.providers = providers;
        this.identities = identities;
        this.oidc = oidc;
        this.oidcSession = oidcSession;
        this.cookie = cookie;
    }

    /** A provider and whether it is configured here. */
    public record ProviderView(String id, boolean enabled) {
    }

    public record ProviderList(List<ProviderView> data) {
    }

    /** Body of the code exchange. */
    public record CodeExchange(@NotBlank @Size(max = 128) String code) {
    }

    @GET
    @Path("/providers")
    @Operation(summary = "The social login providers and whether each is configured")
    public ProviderList providers() {
        return new ProviderList(SocialProviders.ALL.stream().map(id -> new ProviderView(id, providers.enabled(id))).toList());
    }

    @GET
    @Path("/{provider}/authorize")
    @Operation(summary = "Start a social login: redirects the browser to the provider (google, github, twitter)")
    public Response authorize(@PathParam("provider") String provider,
            @Parameter(description = "App URL that receives the result; must be registered, exact match")
            @QueryParam("redirect_uri") String redirectUri,
            @Parameter(description = "fragment (default): a one-time code in the redirect_uri's fragment; json: the callback answers JSON")
            @QueryParam("response_mode") String responseMode,
            @Parameter(description = "The app's own value, returned unchanged with the result")
            @QueryParam("state") String appState,
            @CookieParam(FlowCookie.NAME) String handle, @Context RoutingContext routing) {
        NewCookie bound = null;
        if (redirectUri == null && handle != null && !handle.isEmpty()) {
            // A link started by POST /api/users/me/linked-accounts/{provider}, continued by the browser.
            social.requireStartedLink(provider, handle);
        } else {
            bound = cookie.bind(social.start(provider, redirectUri, responseMode, appState, null));
        }
        // quarkus-oidc's challenge: state, PKCE and nonce in its state cookie, the provider's URL as Location.
        ChallengeData challenge = oidc.getChallenge(routing).await().atMost(CHALLENGE_TIMEOUT);
        Response.ResponseBuilder redirect = Response.status(challenge.status);
        challenge.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
        return SocialLoginAnswer.noStore(bound == null ? redirect : redirect.cookie(bound));
    }

    @GET
    @Path("/{provider}/callback")
    @Authenticated
    @Operation(summary = "Where the provider sends the browser back; ends in a one-time code (or our tokens) for the app")
    public Response callback(@PathParam("provider") String provider, @CookieParam(FlowCookie.NAME) String handle,
            @Context SecurityIdentity identity, @Context HttpServerRequest http, @Context UriInfo uri)
            throws SQLException {
        // Our tokens are the session; the extension's session cookie goes at once, whatever follows.
        oidcSession.logout().await().atMost(CHALLENGE_TIMEOUT);
        PendingSocialLogin flow = social.end(provider, handle);
        SocialLogin.Outcome outcome;
        try {
            ProviderIdentity person = identities.of(provider, identity);
            outcome = social.complete(flow, person, http.remoteAddress().hostAddress(), http.getHeader("User-Agent"));
        } catch (ProviderUnavailable e) {
            outcome = new SocialLogin.Outcome.Refused(flow, new SocialRefusal(502, "temporarily_unavailable",
                    "Provider unavailable", provider + " did not answer as expected; try again shortly."));
        }
        return SocialLoginAnswer.of(outcome, cookie.clear(), uri.getPath());
    }

    @GET
    @Path("/{provider}/error")
    @Operation(summary = "Where a provider's error answer is passed on to the app (quarkus-oidc's error path)")
    public Response providerError(@PathParam("provider") String provider, @QueryParam("error") String error,
            @CookieParam(FlowCookie.NAME) String handle, @Context UriInfo uri) {
        PendingSocialLogin flow = social.end(provider, handle);
        return SocialLoginAnswer.of(new SocialLogin.Outcome.Refused(flow, SocialLogin.providerError(provider, error)),
                cookie.clear(), uri.getPath());
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a social login's one-time code for our tokens")
    public Response token(@Valid @NotNull CodeExchange exchange) throws SQLException {
        return SocialLoginAnswer.noStore(Response.ok(TokenResponse.of(social.redeem(exchange.code()))));
    }
}
