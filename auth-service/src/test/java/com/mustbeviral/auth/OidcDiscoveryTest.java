package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.Partners.Client;
import com.mustbeviral.auth.Partners.Pkce;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.OidcClientConfig.Grant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * Discovery, and a stock OIDC client library (Quarkus' OidcClient) configured with nothing but the
 * issuer URL and the client's credentials: it finds every endpoint through discovery alone.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class OidcDiscoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OidcClients oidcClients;

    @Test
    void discoveryNamesEveryEndpointAndWhatItSupports() {
        String issuer = Issuer.url();
        given().get("/.well-known/openid-configuration").then().statusCode(200).contentType(ContentType.JSON)
                .body("issuer", equalTo(issuer))
                .body("authorization_endpoint", equalTo(issuer + "/oauth2/authorize"))
                .body("token_endpoint", equalTo(issuer + "/oauth2/token"))
                .body("jwks_uri", equalTo(issuer + "/.well-known/jwks.json"))
                .body("userinfo_endpoint", equalTo(issuer + "/oauth2/userinfo"))
                .body("introspection_endpoint", equalTo(issuer + "/oauth2/introspect"))
                .body("revocation_endpoint", equalTo(issuer + "/oauth2/revoke"))
                .body("scopes_supported", hasItems("openid", "profile", "email", "offline_access", "content:read",
                        "content:write", "analytics:read"))
                .body("response_types_supported", equalTo(List.of("code")))
                .body("grant_types_supported", hasItems("authorization_code", "client_credentials", "refresh_token"))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body("token_endpoint_auth_methods_supported", hasItems("client_secret_basic", "client_secret_post"))
                .body("id_token_signing_alg_values_supported", equalTo(List.of("RS256", "ES256")))
                .body("subject_types_supported", hasItem("public"));
    }

    @Test
    void aStockOidcClientGetsAClientCredentialsTokenThroughDiscoveryAlone() throws Exception {
        Client client = Partners.confidential(Partners.adminToken(dataSource), List.of("content:read"),
                List.of("client_credentials"));
        OidcClient oidc = oidcClients.newClient(OidcClientConfig.authServerUrl(Issuer.url())
                .id("discovery-cc-" + client.id()).clientId(client.id()).credentials(client.secret())
                .grant(Grant.Type.CLIENT).build()).await().atMost(WAIT);
        try {
            Tokens tokens = oidc.getTokens().await().atMost(WAIT);
            JwtClaims claims = verifiedAgainstDiscoveredJwks(tokens.getAccessToken(), "mustbeviral-api");
            assertEquals(client.id(), claims.getSubject());
            assertEquals("content:read", claims.getStringClaimValue("scope"));
        } finally {
            oidc.close();
        }
    }

    @Test
    void aStockOidcClientRedeemsACodeRefreshesAndRevokesThroughDiscoveryAlone() throws Exception {
        Client client = Partners.confidential(Partners.adminToken(dataSource), Partners.ALL_SCOPES, Partners.ALL_GRANTS);
        Pkce pkce = Pkce.create();
        String code = Partners.authorize(client, Accounts.registerVerified(), "openid profile offline_access", pkce);
        OidcClient oidc = oidcClients.newClient(OidcClientConfig.authServerUrl(Issuer.url())
                .id("discovery-code-" + client.id()).clientId(client.id()).credentials(client.secret())
                .grant(Grant.Type.CODE).build()).await().atMost(WAIT);
        try {
            Tokens tokens = oidc.getTokens(Map.of("code", code, "code_verifier", pkce.verifier(),
                    "redirect_uri", Partners.REDIRECT_URI)).await().atMost(WAIT);
            assertNotNull(tokens.getRefreshToken());
            verifiedAgainstDiscoveredJwks(tokens.getAccessToken(), "mustbeviral-api");

            Tokens refreshed = oidc.refreshTokens(tokens.getRefreshToken()).await().atMost(WAIT);
            assertNotEquals(tokens.getRefreshToken(), refreshed.getRefreshToken());

            assertTrue(oidc.revokeAccessToken(refreshed.getAccessToken()).await().atMost(WAIT));
            given().auth().preemptive().basic(client.id(), client.secret()).contentType(ContentType.URLENC)
                    .formParam("token", refreshed.getRefreshToken()).post("/oauth2/introspect")
                    .then().body("active", equalTo(false));
        } finally {
            oidc.close();
        }
    }

    /** Verifies a JWT with the keys at the jwks_uri that discovery names, as a relying party would. */
    private static JwtClaims verifiedAgainstDiscoveredJwks(String jwt, String audience) throws Exception {
        String jwksUri = given().get("/.well-known/openid-configuration").path("jwks_uri");
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwksUri)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(Issuer.url()).setExpectedAudience(audience)
                .build().processToClaims(jwt);
    }
}
