package com.mustbeviral.auth.rest;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.token.SigningKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
    @Operation(summary = "Public keys that verify access tokens: the signing key and recently rotated ones")
    public Response jwks() {
        JsonArray published = new JsonArray();
        keys.published().forEach(k -> published.add(new JsonObject(k.publicJwk())));
        // Short cache: verifiers refetch on an unknown kid anyway, and a rotation shows within minutes.
        return Response.ok(new JsonObject().put("keys", published).encode()).header("Cache-Control", "public, max-age=300")
                .build();
    }

    @GET
    @Path("/openid-configuration")
    @Operation(summary = "Where the issuer's endpoints and keys are")
    public String discovery() {
        String issuer = config.issuer();
        return new JsonObject()
                .put("issuer", issuer)
                .put("jwks_uri", issuer + "/.well-known/jwks.json")
                // Only what exists: the OAuth2 endpoints join with the partner-provider feature.
                .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
                .put("subject_types_supported", new JsonArray().add("public"))
                .encode();
    }
}
