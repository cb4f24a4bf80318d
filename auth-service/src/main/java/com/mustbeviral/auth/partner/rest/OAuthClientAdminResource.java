package com.mustbeviral.auth.partner.rest;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.service.ClientRegistration;
import com.mustbeviral.auth.web.Caller;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Admins register and list partner OAuth clients. */
@Path("/api/admin/oauth-clients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class OAuthClientAdminResource {

    private final ClientRegistration registration;
    private final Caller caller;

    OAuthClientAdminResource(ClientRegistration registration, Caller caller) {
        this.registration = registration;
        this.caller = caller;
    }

    /** A page of clients; {@code next_cursor} is null on the last page. */
    public record ClientPage(List<OAuthClientView> data, String nextCursor) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a partner client; its secret is in this answer and never again")
    public Response register(@Valid @NotNull OAuthClientRequest request) throws SQLException {
        ClientRegistration.Registered registered = registration.register(new ClientRegistration.NewClient(
                request.name(), request.redirectUris() == null ? List.of() : request.redirectUris(), request.scopes(),
                request.grantTypes(), Boolean.TRUE.equals(request.publicClient()), request.idTokenSignedResponseAlg()),
                caller.userId());
        return Response.created(URI.create("/api/admin/oauth-clients/" + registered.client().clientId()))
                .entity(OAuthClientView.of(registered.client(), registered.secret()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Operation(summary = "List partner clients in registration order")
    public ClientPage list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") String cursor) throws SQLException {
        OAuthClient after = null;
        if (cursor != null) {
            after = registration.find(cursor)
                    .orElseThrow(() -> new Refusal(AuthRefusal.INVALID_CURSOR, "The cursor names no client."));
        }
        List<OAuthClient> page = registration.page(after, limit + 1);
        List<OAuthClientView> data = page.stream().limit(limit).map(c -> OAuthClientView.of(c, null)).toList();
        return new ClientPage(data, page.size() > limit ? data.get(data.size() - 1).clientId() : null);
    }

    @GET
    @Path("/{clientId}")
    @Operation(summary = "One partner client (without its secret)")
    public OAuthClientView get(@PathParam("clientId") String clientId) throws SQLException {
        Optional<OAuthClient> client = registration.find(clientId);
        return client.map(c -> OAuthClientView.of(c, null))
                .orElseThrow(() -> new Refusal(AuthRefusal.NO_SUCH_CLIENT, "There is no client " + clientId + "."));
    }
}
