package com.mustbeviral.auth.partner.rest;

import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.partner.service.ClientAuthentication;
import com.mustbeviral.auth.partner.service.FormParameters;
import com.mustbeviral.auth.partner.service.OAuthError;
import com.mustbeviral.auth.partner.service.PartnerGrants;
import com.mustbeviral.auth.partner.service.TokenIntrospection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The OAuth 2.0 endpoints partner clients call directly: token (RFC 6749), introspection (RFC 7662), revocation (RFC 7009). */
@Path("/oauth2")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public class OAuthEndpoints {

    private final ClientAuthentication clients;
    private final PartnerGrants grants;
    private final TokenIntrospection introspection;

    OAuthEndpoints(ClientAuthentication clients, PartnerGrants grants, TokenIntrospection introspection) {
        this.clients = clients;
        this.grants = grants;
        this.introspection = introspection;
    }

    @POST
    @Path("/token")
    @Operation(summary = "Token endpoint: client_credentials, authorization_code (PKCE S256), refresh_token")
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> body) throws SQLException {
        FormParameters form = new FormParameters(body);
        String grantType = form.required("grant_type");
        OAuthClient client = clients.authenticate(authorization, form);
        PartnerGrants.Issued issued = switch (grantType) {
            case OAuthClient.CLIENT_CREDENTIALS -> grants.clientCredentials(client, form.single("scope"));
            case OAuthClient.AUTHORIZATION_CODE -> grants.redeemCode(client, form.required("code"),
                    form.required("redirect_uri"), form.required("code_verifier"));
            case OAuthClient.REFRESH_TOKEN -> grants.refresh(client, form.required("refresh_token"), form.single("scope"));
            default -> throw OAuthError.unsupportedGrantType("Unsupported grant_type " + grantType + ".");
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", issued.accessToken());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", issued.expiresIn());
        answer.put("scope", OAuthScopes.format(issued.scopes()));
        if (issued.refreshToken() != null) {
            answer.put("refresh_token", issued.refreshToken());
        }
        if (issued.idToken() != null) {
            answer.put("id_token", issued.idToken());
        }
        return noStore(answer);
    }

    @POST
    @Path("/introspect")
    @Operation(summary = "Token introspection (RFC 7662) for confidential clients, about their own tokens")
    public Response introspect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> body) throws SQLException {
        FormParameters form = new FormParameters(body);
        OAuthClient client = clients.authenticate(authorization, form);
        if (client.publicClient()) {
            throw OAuthError.invalidClient("A public client cannot authenticate, so it cannot introspect.");
        }
        return noStore(introspection.introspect(client, form.required("token")));
    }

    @POST
    @Path("/revoke")
    @Operation(summary = "Token revocation (RFC 7009): a refresh token or user access token ends its grant")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            MultivaluedMap<String, String> body) throws SQLException {
        FormParameters form = new FormParameters(body);
        OAuthClient client = clients.authenticate(authorization, form);
        introspection.revoke(client, form.required("token"));
        // RFC 7009 section 2.2: 200 also for a token that was unknown or already invalid.
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static Response noStore(Object body) {
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
