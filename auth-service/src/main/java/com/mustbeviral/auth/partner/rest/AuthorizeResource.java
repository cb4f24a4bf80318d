package com.mustbeviral.auth.partner.rest;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.partner.service.Authorization;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.ConsentForm;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.ErrorPage;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.Redirect;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome;
import com.mustbeviral.auth.partner.service.FormParameters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/** The authorization endpoint a person's browser visits: the consent page and the decision it posts. */
@Path("/oauth2/authorize")
@Produces(MediaType.TEXT_HTML)
public class AuthorizeResource {

    static final String BROWSER_COOKIE = "mbv_oauth2_browser";

    private final Authorization authorization;
    private final boolean secureCookie;

    AuthorizeResource(Authorization authorization, AuthConfig config) {
        this.authorization = authorization;
        this.secureCookie = config.issuer().startsWith("https:");
    }

    @GET
    @Operation(summary = "Authorization request (code flow, PKCE S256): shows the login and consent page")
    public Response authorize(@Context UriInfo uri, @CookieParam(BROWSER_COOKIE) String browser) throws SQLException {
        return render(authorization.start(new FormParameters(uri.getQueryParameters()), browser));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Authorization request sent as a form (OpenID Connect Core 3.1.2.1)")
    public Response authorizeByPost(MultivaluedMap<String, String> body, @CookieParam(BROWSER_COOKIE) String browser)
            throws SQLException {
        return render(authorization.start(new FormParameters(body), browser));
    }

    @POST
    @Path("/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The consent form: allow (with login and password) or deny")
    public Response decide(@RestForm String request, @RestForm String decision, @RestForm String login,
            @RestForm String password, @CookieParam(BROWSER_COOKIE) String browser, @Context HttpServerRequest http)
            throws SQLException {
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            return render(new ErrorPage(400, "Invalid form", "Choose Allow or Deny."));
        }
        return render(authorization.decide(request, browser, "allow".equals(decision), login, password,
                http.remoteAddress().hostAddress()));
    }

    private Response render(AuthorizeOutcome outcome) {
        return switch (outcome) {
            case Redirect r -> Response.seeOther(r.location()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
            case ErrorPage e -> html(Response.status(e.status()), ConsentPage.error(e), null).build();
            case ConsentForm f -> html(Response.status(f.status()), ConsentPage.form(f), f.redirectUri())
                    .cookie(new NewCookie.Builder(BROWSER_COOKIE).value(f.browserToken()).path("/oauth2/authorize")
                            .httpOnly(true).secure(secureCookie).sameSite(NewCookie.SameSite.LAX).build())
                    .build();
        };
    }

    // The form posts to this origin and its answer redirects to the client: CSP form-action must allow both.
    private static Response.ResponseBuilder html(Response.ResponseBuilder response, String body, String redirectUri) {
        String formAction = "'self'" + (redirectUri == null ? "" : " " + origin(redirectUri));
        return response.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action "
                        + formAction + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                // same-origin, not no-referrer: under no-referrer a browser posts the form with "Origin: null", which
                // the gateway must refuse as any unknown origin; cross-origin (the redirect to the client) no Referer leaks.
                .header("Referrer-Policy", "same-origin");
    }

    private static String origin(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
