package com.mustbeviral.auth.partner.rest;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.token.SigningKeys;
import com.mustbeviral.auth.token.TokenAlgorithm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Discovery (OpenID Connect Discovery 1.0) and the issuer's public keys (RFC 7517). */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

    private final SigningKeys keys;
    private final AuthConfig config;

    WellKnownResource(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/jwks.json")
    @Operation(summary = "Public keys that verify tokens: each algorithm's signing key and recently rotated ones")
    public Response jwks() {
        JsonArray published = new JsonArray();
        keys.published().forEach(k -> published.add(new JsonObject(k.publicJwk())));
        // Short cache: verifiers refetch on an unknown kid anyway, and a rotation shows within minutes.
        return Response.ok(new JsonObject().put("keys", published).encode()).header("Cache-Control", "public, max-age=300")
                .build();
    }

    @GET
    @Path("/openid-configuration")
    @Operation(summary = "Where the issuer's endpoints and keys are, and what they support")
    public String discovery() {
        String issuer = config.issuer();
        return new JsonObject()
                .put("issuer", issuer)
                .put("authorization_endpoint", issuer + "/oauth2/authorize")
                .put("token_endpoint", issuer + "/oauth2/token")
                .put("jwks_uri", issuer + "/.well-known/jwks.json")
                .put("userinfo_endpoint", issuer + "/oauth2/userinfo")
                .put("introspection_endpoint", issuer + "/oauth2/introspect")
                .put("revocation_endpoint", issuer + "/oauth2/revoke")
                .put("scopes_supported", new JsonArray(List.copyOf(OAuthScopes.SUPPORTED)))
                .put("response_types_supported", new JsonArray().add("code"))
                .put("response_modes_supported", new JsonArray().add("query"))
                .put("grant_types_supported", new JsonArray()
                        .add(OAuthClient.AUTHORIZATION_CODE).add(OAuthClient.CLIENT_CREDENTIALS).add(OAuthClient.REFRESH_TOKEN))
                .put("code_challenge_methods_supported", new JsonArray().add("S256"))
                .put("token_endpoint_auth_methods_supported", AUTH_METHODS.copy())
                .put("introspection_endpoint_auth_methods_supported", new JsonArray()
                        .add("client_secret_basic").add("client_secret_post"))
                .put("revocation_endpoint_auth_methods_supported", AUTH_METHODS.copy())
                .put("id_token_signing_alg_values_supported", ALGORITHMS.copy())
                .put("subject_types_supported", new JsonArray().add("public"))
                .put("claims_supported", new JsonArray().add("sub").add("iss").add("aud").add("exp").add("iat")
                        .add("auth_time").add("nonce").add("preferred_username").add("name").add("email")
                        .add("email_verified"))
                .put("authorization_response_iss_parameter_supported", true)
                .encode();
    }

    // RS256 first: OpenID Connect's default, and what a client that registered nothing gets.
    private static final JsonArray ALGORITHMS = new JsonArray(Arrays.stream(TokenAlgorithm.values()).map(Enum::name).toList());

    private static final JsonArray AUTH_METHODS = new JsonArray().add("client_secret_basic").add("client_secret_post")
            .add("none");
}
