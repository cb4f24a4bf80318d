package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.Partners.Client;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.OAuthClientRegistered;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class OAuthClientAdminTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    private String admin;

    @BeforeEach
    void anAdmin() {
        admin = Partners.adminToken(dataSource);
    }

    @Test
    void registersAConfidentialClientShowingItsSecretOnceAndStoringOnlyAHash() throws Exception {
        Response r = Partners.register(admin, Partners.clientBody(List.of("content:read", "openid"),
                List.of("authorization_code", "client_credentials"), false));
        r.then().statusCode(201).header("Location", notNullValue()).header("Cache-Control", "no-store")
                .body("client_secret", notNullValue()).body("public_client", equalTo(false))
                .body("redirect_uris", equalTo(List.of(Partners.REDIRECT_URI)))
                .body("scopes", equalTo(List.of("content:read", "openid")));
        String clientId = r.path("client_id");
        String secret = r.path("client_secret");

        given().auth().oauth2(admin).get("/api/admin/oauth-clients/" + clientId).then().statusCode(200)
                .body("name", equalTo("Acme Scheduler")).body("$", not(hasKey("client_secret")));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT client_secret_hash FROM oauth_clients WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(Sha256.hex(secret), rs.getString(1));
            }
        }
    }

    @Test
    void registersAPublicClientWithoutASecret() {
        Partners.register(admin, Partners.clientBody(List.of("openid"), List.of("authorization_code"), true))
                .then().statusCode(201).body("public_client", equalTo(true)).body("$", not(hasKey("client_secret")));
    }

    @Test
    void registrationIsPublishedForAudit() throws Exception {
        Client client = Partners.confidential(admin, List.of("content:read"), List.of("client_credentials"));
        ConsumerRecord<String, String> event = PublishedEvents.await(Topics.AUTH_USERS, client.id(),
                OAuthClientRegistered.TYPE);
        assertEquals(fields(ExamplePayloads.of(OAuthClientRegistered.TYPE)), fields(event.value()));
        assertEquals(false, event.value().contains(client.secret()));
    }

    @Test
    void listsClientsPageByPage() {
        Client first = Partners.confidential(admin, List.of("content:read"), List.of("client_credentials"));
        Partners.confidential(admin, List.of("content:read"), List.of("client_credentials"));
        String cursor = null;
        List<String> seen = new ArrayList<>();
        do {
            var request = given().auth().oauth2(admin).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/admin/oauth-clients");
            page.then().statusCode(200).body("data.size()", equalTo(1)).body("data[0]", not(hasKey("client_secret")));
            seen.add(page.path("data[0].client_id"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        org.hamcrest.MatcherAssert.assertThat(seen, hasItem(first.id()));
        assertEquals(seen.size(), seen.stream().distinct().count());
    }

    @Test
    void aCreatorMayNotRegisterClients() {
        String creator = Accounts.login(Accounts.register()).path("access_token");
        assertProblem(Partners.register(creator, Partners.clientBody(List.of("content:read"),
                List.of("client_credentials"), false)).then(), 403);
    }

    @Test
    void withoutATokenRegistrationIsUnauthorized() {
        assertProblem(given().contentType(ContentType.JSON).body(Partners.clientBody(List.of("content:read"),
                List.of("client_credentials"), false)).post("/api/admin/oauth-clients").then(), 401);
    }

    @Test
    void aPartnerTokenOfAnAdminIsNoAdminToken() {
        String username = Accounts.registerVerified();
        Client client = Partners.confidential(admin, List.of("content:read", "openid"), List.of("authorization_code"));
        promote(username);
        Partners.Pkce pkce = Partners.Pkce.create();
        String partnerToken = Partners.redeem(client, Partners.authorize(client, username, "content:read openid", pkce), pkce)
                .path("access_token");

        assertProblem(Partners.register(partnerToken, Partners.clientBody(List.of("content:read"),
                List.of("client_credentials"), false)).then(), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://partner.example/callback", "https://*.partner.example/callback",
            "https://partner.example/callback#fragment", "/callback", "https://user@partner.example/callback",
            "javascript:alert(1)" })
    void refusesARedirectUriThatCannotBeMatchedSafely(String redirectUri) {
        Map<String, Object> body = Partners.clientBody(List.of("openid"), List.of("authorization_code"), false);
        body.put("redirect_uris", List.of(redirectUri));
        assertProblem(Partners.register(admin, body).then(), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:8123/callback", "http://127.0.0.1/cb", "https://partner.example/cb?x=1" })
    void acceptsHttpsAndLoopbackHttpRedirectUris(String redirectUri) {
        Map<String, Object> body = Partners.clientBody(List.of("openid"), List.of("authorization_code"), false);
        body.put("redirect_uris", List.of(redirectUri));
        Partners.register(admin, body).then().statusCode(201).body("redirect_uris[0]", equalTo(redirectUri));
    }

    @Test
    void refusesAnUnknownScope() {
        assertProblem(Partners.register(admin, Partners.clientBody(List.of("content:read", "admin"),
                List.of("client_credentials"), false)).then(), 400);
    }

    @Test
    void refusesAnUnknownGrantType() {
        assertProblem(Partners.register(admin, Partners.clientBody(List.of("content:read"),
                List.of("password"), false)).then(), 400);
    }

    @Test
    void refusesClientCredentialsForAPublicClient() {
        assertProblem(Partners.register(admin, Partners.clientBody(List.of("content:read"),
                List.of("client_credentials"), true)).then(), 400);
    }

    @Test
    void refusesAuthorizationCodeWithoutARedirectUri() {
        Map<String, Object> body = Partners.clientBody(List.of("openid"), List.of("authorization_code"), false);
        body.put("redirect_uris", List.of());
        assertProblem(Partners.register(admin, body).then(), 400);
    }

    @Test
    void idTokensAreRs256UnlessTheClientRegisteredEs256() {
        Partners.register(admin, Partners.clientBody(List.of("openid"), List.of("authorization_code"), true))
                .then().statusCode(201).body("id_token_signed_response_alg", equalTo("RS256"));
        Map<String, Object> body = Partners.clientBody(List.of("openid"), List.of("authorization_code"), true);
        body.put("id_token_signed_response_alg", "ES256");
        String clientId = Partners.register(admin, body).then().statusCode(201)
                .body("id_token_signed_response_alg", equalTo("ES256")).extract().path("client_id");
        given().auth().oauth2(admin).get("/api/admin/oauth-clients/" + clientId).then().statusCode(200)
                .body("id_token_signed_response_alg", equalTo("ES256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "none", "ES384", "es256"})
    void refusesAnIdTokenAlgorithmOtherThanRs256OrEs256(String alg) {
        Map<String, Object> body = Partners.clientBody(List.of("openid"), List.of("authorization_code"), true);
        body.put("id_token_signed_response_alg", alg);
        assertProblem(Partners.register(admin, body).then(), 400).body("detail", containsString("id_token_signed_response_alg"));
    }

    @Test
    void refusesAMissingName() {
        Map<String, Object> body = Partners.clientBody(List.of("content:read"), List.of("client_credentials"), false);
        body.remove("name");
        assertProblem(Partners.register(admin, body).then(), 400);
    }

    @Test
    void aTokenOfALoggedOutAdminSessionCannotListClients() {
        // The listing calls nothing that checks the session: the refusal comes before any endpoint runs.
        given().auth().oauth2(admin).get("/api/admin/oauth-clients").then().statusCode(200);
        given().auth().oauth2(admin).post("/api/auth/logout").then().statusCode(204);

        assertProblem(given().auth().oauth2(admin).get("/api/admin/oauth-clients").then(), 401)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
    }

    @Test
    void anUnknownClientIsNotFound() {
        assertProblem(given().auth().oauth2(admin).get("/api/admin/oauth-clients/no-such-client").then(), 404);
    }

    private void promote(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE users SET role = 'admin' WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
