package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.social.service.SocialAccounts;
import com.mustbeviral.auth.social.service.SocialLogin;
import com.mustbeviral.auth.web.Caller;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's linked social accounts: list, link another, unlink. */
@Path("/api/users/me/linked-accounts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class LinkedAccountResource {

    private final SocialAccounts accounts;
    private final SocialLogin social;
    private final FlowCookie cookie;
    private final Caller caller;

    LinkedAccountResource(SocialAccounts accounts, SocialLogin social, FlowCookie cookie, Caller caller) {
        this.accounts = accounts;
        this.social = social;
        this.cookie = cookie;
        this.caller = caller;
    }

    /** The caller's links, oldest first. */
    public record LinkedAccountList(List<LinkedAccountView> data) {
    }

    /** Where the browser goes to link (our authorize endpoint, which redirects to the provider). */
    public record LinkStarted(URI authorizationUrl) {
    }

    @GET
    @Operation(summary = "List my linked social accounts")
    public LinkedAccountList list() throws SQLException {
        return new LinkedAccountList(accounts.linked(caller.userId()).stream().map(LinkedAccountView::of).toList());
    }

    @POST
    @Path("/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start linking a provider to my account: answers the URL to send the browser to")
    public Response link(@PathParam("provider") String provider, @Valid @NotNull LinkRequest request,
            @Context UriInfo uri) throws SQLException {
        accounts.requireVerifiedEmail(caller.userId());
        String handle = social.start(provider, request.redirectUri(), request.responseMode(), request.state(),
                caller.userId());
        // The browser continues at our authorize endpoint, which sends it on to the provider; the cookie
        // ties the link to this browser, so the URL is of no use to anyone else.
        URI authorize = uri.getBaseUriBuilder().path("/api/auth/oauth/{provider}/authorize").build(provider);
        return SocialLoginAnswer.noStore(Response.ok(new LinkStarted(authorize)).cookie(cookie.bind(handle)));
    }

    @DELETE
    @Path("/{provider}")
    @Operation(summary = "Unlink a provider; refused when it is my last way to log in")
    public Response unlink(@PathParam("provider") String provider) throws SQLException {
        accounts.unlink(caller.userId(), provider);
        return Response.noContent().build();
    }
}
