package com.mustbeviral.auth.partner.rest;

import com.mustbeviral.auth.partner.service.UserInfo;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import com.mustbeviral.auth.web.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** OpenID Connect UserInfo endpoint; the Bearer token is verified like every access token. */
@Path("/oauth2/userinfo")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserInfoResource {

    private final SecurityIdentity identity;
    private final UserInfo userInfo;

    UserInfoResource(SecurityIdentity identity, UserInfo userInfo) {
        this.identity = identity;
        this.userInfo = userInfo;
    }

    @GET
    @Operation(summary = "Claims about the user of a partner token with the openid scope")
    public Response get() throws SQLException {
        JsonWebToken jwt = Caller.token(identity);
        return Response.ok(userInfo.claims(jwt.getClaim(AccessTokenClaims.CLIENT_ID), jwt.getClaim(AccessTokenClaims.SCOPE),
                jwt.getClaim(AccessTokenClaims.SESSION_ID), jwt.getSubject()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Operation(summary = "The same as GET (OpenID Connect Core 5.3.1)")
    public Response post() throws SQLException {
        return get();
    }
}
