package com.mustbeviral.auth;

import static com.mustbeviral.auth.ClientCredentialsTest.oauthError;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.mustbeviral.auth.Partners.Client;
import com.mustbeviral.auth.Partners.Pkce;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.contracts.auth.TokenReuseDetected;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh_token grant for partners: rotation, reuse detection, scope narrowing. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class PartnerRefreshTest {

    private static final String SCOPE = "content:read analytics:read openid offline_access";

    @Inject
    AgroalDataSource dataSource;

    private String admin;
    private Client client;
    private Response tokens;

    @BeforeEach
    void aGrantWithARefreshToken() {
        admin = Partners.adminToken(dataSource);
        client = Partners.confidential(admin, Partners.ALL_SCOPES, Partners.ALL_GRANTS);
        Pkce pkce = Pkce.create();
        tokens = Partners.redeem(client, Partners.authorize(client, Accounts.registerVerified(), SCOPE, pkce), pkce);
        tokens.then().statusCode(200);
    }

    @Test
    void refreshRotatesTheRefreshTokenAndKeepsTheGrant() {
        Response next = refresh(tokens.path("refresh_token"), null);
        next.then().statusCode(200).header("Cache-Control", "no-store").body("scope", equalTo(SCOPE));
        assertNotEquals(tokens.<String>path("refresh_token"), next.path("refresh_token"));
        assertEquals(Tokens.claim(tokens.path("access_token"), "sid"), Tokens.claim(next.path("access_token"), "sid"));
        refresh(next.path("refresh_token"), null).then().statusCode(200);
    }

    @Test
    void aNarrowerScopeNarrowsTheAccessTokenButNotTheGrant() {
        Response narrow = refresh(tokens.path("refresh_token"), "content:read");
        narrow.then().statusCode(200).body("scope", equalTo("content:read"));
        assertEquals("content:read", Tokens.claim(narrow.path("access_token"), "scope"));

        refresh(narrow.path("refresh_token"), null).then().statusCode(200).body("scope", equalTo(SCOPE));
    }

    @Test
    void aWiderScopeIsInvalidScope() {
        oauthError(refresh(tokens.path("refresh_token"), "content:read content:write"), 400, "invalid_scope");
    }

    @Test
    void reuseOfAnOlderGenerationRevokesTheGrantAndIsPublished() {
        String a = tokens.path("refresh_token");
        String b = refresh(a, null).path("refresh_token");
        String c = refresh(b, null).path("refresh_token");

        oauthError(refresh(a, null), 400, "invalid_grant");
        oauthError(refresh(c, null), 400, "invalid_grant");
        String sid = Tokens.claim(tokens.path("access_token"), "sid");
        PublishedEvents.await(Topics.AUTH_SESSIONS, sid, TokenReuseDetected.TYPE);
        PublishedEvents.await(Topics.AUTH_SESSIONS, sid, SessionRevoked.TYPE);
    }

    @Test
    void theTokenJustRotatedMayBeRetriedOnceWithinTheGraceWindow() {
        String a = tokens.path("refresh_token");
        refresh(a, null).then().statusCode(200);
        Response retry = refresh(a, null);
        retry.then().statusCode(200);
        refresh(retry.path("refresh_token"), null).then().statusCode(200);
    }

    @Test
    void anotherClientsRefreshTokenIsInvalidGrant() {
        Client other = Partners.confidential(admin, Partners.ALL_SCOPES, Partners.ALL_GRANTS);
        oauthError(Partners.token(other, Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.path("refresh_token"))), 400, "invalid_grant");
        refresh(tokens.path("refresh_token"), null).then().statusCode(200);
    }

    @Test
    void anUnknownRefreshTokenIsInvalidGrant() {
        oauthError(refresh("not-a-token-we-issued", null), 400, "invalid_grant");
    }

    @Test
    void aClientWithoutTheRefreshGrantIsUnauthorizedClient() throws Exception {
        Client codeOnly = Partners.confidential(admin, Partners.ALL_SCOPES, List.of("authorization_code"));
        // The grant moves (in the database) to the client that lacks the refresh_token grant type.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE oauth_grants SET client_id = ? WHERE id = ?")) {
            ps.setString(1, codeOnly.id());
            ps.setString(2, Tokens.claim(tokens.path("access_token"), "sid"));
            assertEquals(1, ps.executeUpdate());
        }
        oauthError(Partners.token(codeOnly, Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.path("refresh_token"))), 400, "unauthorized_client");
    }

    private Response refresh(String refreshToken, String scope) {
        return scope == null
                ? Partners.token(client, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
                : Partners.token(client, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", scope));
    }
}
