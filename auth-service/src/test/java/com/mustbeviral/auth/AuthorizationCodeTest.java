package com.mustbeviral.auth;

import static com.mustbeviral.auth.ClientCredentialsTest.oauthError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.Partners.Browser;
import com.mustbeviral.auth.Partners.Client;
import com.mustbeviral.auth.Partners.Pkce;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The authorization code flow: consent page, PKCE, code redemption, and the attacks on them. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class AuthorizationCodeTest {

    private static final String SCOPE = "content:read openid profile offline_access";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuthConfig config;

    @Inject
    TestClock clock;

    private String admin;
    private Client client;
    private String username;
    private Pkce pkce;

    @BeforeEach
    void aClientAndAUser() {
        admin = Partners.adminToken(dataSource);
        client = Partners.confidential(admin, Partners.ALL_SCOPES, Partners.ALL_GRANTS);
        username = Accounts.registerVerified();
        pkce = Pkce.create();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theConsentPageNamesTheClientAndTheScopesAndSetsABrowserCookie() {
        Browser browser = new Browser();
        Response page = browser.open(Partners.authorizationRequest(client, SCOPE, pkce));
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                // Not no-referrer: browsers would post the form with "Origin: null", which the gateway refuses.
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .body(containsString("Acme Scheduler")).body(containsString("Read your content"))
                .body(containsString("name=\"password\"")).body(containsString("value=\"allow\""))
                .body(containsString("value=\"deny\""));
        assertNotNull(browser.cookie);
        assertEquals("Lax", page.getDetailedCookie(Partners.AuthorizeCookie.NAME).getSameSite());
        assertTrue(page.getDetailedCookie(Partners.AuthorizeCookie.NAME).isHttpOnly());
    }

    @Test
    void allowRedirectsWithACodeAndTheStateAndTheCodeBuysTokensAndAnIdToken() throws Exception {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        Browser browser = new Browser();
        Response answer = browser.decide(Partners.requestId(browser.open(request)), "allow", username, Accounts.PASSWORD);
        answer.then().statusCode(303).header("Location", startsWith(Partners.REDIRECT_URI + "?code="));
        Map<String, String> back = Partners.query(answer.header("Location"));
        assertEquals(request.get("state"), back.get("state"));
        assertEquals(Issuer.url(), back.get("iss"));

        Response tokens = Partners.redeem(client, back.get("code"), pkce);
        tokens.then().statusCode(200).header("Cache-Control", "no-store").body("token_type", equalTo("Bearer"))
                .body("scope", equalTo(SCOPE));
        String access = tokens.path("access_token");
        assertEquals(client.id(), Tokens.claim(access, "client_id"));
        assertEquals(SCOPE, Tokens.claim(access, "scope"));
        assertNotNull(Tokens.claim(access, "sid"));
        assertNull(Tokens.claim(access, "role"));
        assertNotNull(tokens.path("refresh_token"));

        JwtClaims id = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(Issuer.url() + "/.well-known/jwks.json")))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(Issuer.url()).setExpectedAudience(client.id())
                .build().processToClaims(tokens.path("id_token"));
        assertEquals(Tokens.claim(access, "sub"), id.getSubject());
        assertEquals(request.get("nonce"), id.getStringClaimValue("nonce"));
        assertEquals(username, id.getStringClaimValue("preferred_username"));
        assertNotNull(id.getClaimValue("auth_time"));
    }

    @Test
    void theIdTokenIsRs256ByDefaultWhileTheAccessTokenIsEs256() throws Exception {
        Response tokens = Partners.redeem(client, Partners.authorize(client, username, SCOPE, pkce), pkce);
        tokens.then().statusCode(200);
        assertEquals("RS256", Tokens.header(tokens.path("id_token"), "alg"));
        assertEquals("ES256", Tokens.header(tokens.path("access_token"), "alg"));
    }

    @Test
    void aClientThatRegisteredEs256GetsAnEs256IdTokenThatVerifiesAgainstTheJwks() throws Exception {
        Map<String, Object> body = Partners.clientBody(Partners.ALL_SCOPES, Partners.ALL_GRANTS, false);
        body.put("id_token_signed_response_alg", "ES256");
        Response registered = Partners.register(admin, body);
        registered.then().statusCode(201);
        Client es256 = new Client(registered.path("client_id"), registered.path("client_secret"));

        Response tokens = Partners.redeem(es256, Partners.authorize(es256, username, SCOPE, pkce), pkce);
        tokens.then().statusCode(200);
        JwtClaims id = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(Issuer.url() + "/.well-known/jwks.json")))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(Issuer.url()).setExpectedAudience(es256.id())
                .build().processToClaims(tokens.path("id_token"));
        assertEquals(Tokens.claim(tokens.path("access_token"), "sub"), id.getSubject());
    }

    @Test
    void withoutOpenidThereIsNoIdTokenAndWithoutOfflineAccessNoRefreshToken() {
        String code = Partners.authorize(client, username, "content:read", pkce);
        Partners.redeem(client, code, pkce).then().statusCode(200)
                .body("id_token", nullValue()).body("refresh_token", nullValue()).body("scope", equalTo("content:read"));
    }

    @Test
    void aPublicClientUsesPkceWithoutASecret() {
        Client app = Partners.publicClient(admin, List.of("openid", "offline_access"));
        String code = Partners.authorize(app, username, "openid offline_access", pkce);
        Partners.redeem(app, code, pkce).then().statusCode(200).body("refresh_token", not(nullValue()));
    }

    @Test
    void denyRedirectsWithAccessDeniedAndTheState() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        Browser browser = new Browser();
        Response answer = browser.decide(Partners.requestId(browser.open(request)), "deny", null, null);
        answer.then().statusCode(303);
        Map<String, String> back = Partners.query(answer.header("Location"));
        assertEquals("access_denied", back.get("error"));
        assertEquals(request.get("state"), back.get("state"));
        assertNull(back.get("code"));
    }

    @Test
    void aWrongPasswordShowsTheFormAgainAndRedirectsNowhere() {
        Browser browser = new Browser();
        String requestId = Partners.requestId(browser.open(Partners.authorizationRequest(client, SCOPE, pkce)));
        Response wrong = browser.decide(requestId, "allow", username, "not the password");
        wrong.then().statusCode(401).header("Location", nullValue()).body(containsString("wrong"));

        browser.decide(requestId, "allow", username, Accounts.PASSWORD).then().statusCode(303);
    }

    @Test
    void failedConsentLoginsAreThrottledLikePasswordLogins() {
        Browser browser = new Browser();
        String requestId = Partners.requestId(browser.open(Partners.authorizationRequest(client, SCOPE, pkce)));
        for (int i = 0; i < 5; i++) {
            browser.decide(requestId, "allow", username, "wrong " + i).then().statusCode(401);
        }
        browser.decide(requestId, "allow", username, Accounts.PASSWORD).then().statusCode(429)
                .header("Location", nullValue());
    }

    @Test
    void theClientNameIsEscapedOnTheConsentPage() {
        Map<String, Object> body = Partners.clientBody(List.of("openid"), List.of("authorization_code"), false);
        body.put("name", "<script>alert('x')</script>");
        Response registered = Partners.register(admin, body);
        Client evil = new Client(registered.path("client_id"), registered.path("client_secret"));
        new Browser().open(Partners.authorizationRequest(evil, "openid", pkce)).then().statusCode(200)
                .body(not(containsString("<script>"))).body(containsString("&lt;script&gt;alert(&#39;x&#39;)"));
    }

    // Open redirect: every variant differs from the registered URI in one way, and none is followed.
    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/callback", "https://partner.example/callback/more",
            "https://partner.example/callback?next=https://evil.example", "https://partner.example/CALLBACK",
            "http://partner.example/callback", "https://partner.example/callback/", "https://partner.example.evil.example/callback",
            "https://partner.example/callback#x" })
    void anUnregisteredRedirectUriGetsAnErrorPageAndNeverARedirect(String redirectUri) {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.put("redirect_uri", redirectUri);
        new Browser().open(request).then().statusCode(400).header("Location", nullValue())
                .contentType(startsWith("text/html")).body(containsString("not one that"));
    }

    @Test
    void aMissingRedirectUriGetsAnErrorPage() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.remove("redirect_uri");
        new Browser().open(request).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void anUnknownClientGetsAnErrorPageEvenWithAPlausibleRedirectUri() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.put("client_id", "no-such-client");
        new Browser().open(request).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void pkceDowngradeToPlainIsRefused() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.put("code_challenge_method", "plain");
        errorRedirect(request, "invalid_request");
    }

    @Test
    void aMissingCodeChallengeMethodIsRefusedRatherThanTakenAsPlain() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.remove("code_challenge_method");
        errorRedirect(request, "invalid_request");
    }

    @Test
    void aMissingCodeChallengeIsRefused() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.remove("code_challenge");
        errorRedirect(request, "invalid_request");
    }

    @Test
    void aScopeTheClientWasNotGivenIsInvalidScope() {
        Client narrow = Partners.confidential(admin, List.of("openid"), List.of("authorization_code"));
        errorRedirect(Partners.authorizationRequest(narrow, "openid content:write", pkce), "invalid_scope");
    }

    @Test
    void anImplicitFlowRequestIsAnUnsupportedResponseType() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.put("response_type", "token");
        errorRedirect(request, "unsupported_response_type");
    }

    @Test
    void aClientWithoutTheCodeGrantIsAnUnauthorizedClientAtTheAuthorizeEndpoint() {
        Map<String, Object> body = Partners.clientBody(List.of("content:read"), List.of("client_credentials"), false);
        Response registered = Partners.register(admin, body);
        Client machine = new Client(registered.path("client_id"), registered.path("client_secret"));
        errorRedirect(Partners.authorizationRequest(machine, "content:read", pkce), "unauthorized_client");
    }

    @Test
    void promptNoneIsLoginRequiredSinceEveryAuthorizationNeedsALogin() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        request.put("prompt", "none");
        errorRedirect(request, "login_required");
    }

    @Test
    void theChallengeAsVerifierIsInvalidGrant() {
        String code = Partners.authorize(client, username, SCOPE, pkce);
        oauthError(Partners.redeem(client, code, new Pkce(pkce.challenge(), pkce.challenge())), 400, "invalid_grant");
    }

    @Test
    void aWrongVerifierIsInvalidGrant() {
        String code = Partners.authorize(client, username, SCOPE, pkce);
        oauthError(Partners.redeem(client, code, Pkce.create()), 400, "invalid_grant");
    }

    @Test
    void aMissingVerifierIsAnInvalidRequest() {
        String code = Partners.authorize(client, username, SCOPE, pkce);
        oauthError(Partners.token(client, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", Partners.REDIRECT_URI)), 400, "invalid_request");
    }

    @Test
    void aDifferentRedirectUriAtTheTokenEndpointIsInvalidGrant() {
        String code = Partners.authorize(client, username, SCOPE, pkce);
        oauthError(Partners.token(client, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "https://partner.example/other", "code_verifier", pkce.verifier())), 400, "invalid_grant");
    }

    @Test
    void aCodeIssuedToAnotherClientIsInvalidGrant() {
        Client other = Partners.confidential(admin, Partners.ALL_SCOPES, Partners.ALL_GRANTS);
        String code = Partners.authorize(client, username, SCOPE, pkce);
        oauthError(Partners.redeem(other, code, pkce), 400, "invalid_grant");
    }

    @Test
    void anExpiredCodeIsInvalidGrant() {
        String code = Partners.authorize(client, username, SCOPE, pkce);
        clock.advance(config.oauth2().codeTtl());
        oauthError(Partners.redeem(client, code, pkce), 400, "invalid_grant");
    }

    @Test
    void aCodeLivesSixtySecondsAndIsStoredOnlyHashed() throws Exception {
        String code = Partners.authorize(client, username, SCOPE, pkce);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT expires_at - created_at FROM authorization_codes WHERE code_hash = ?")) {
            ps.setString(1, Sha256.hex(code));
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(60_000, rs.getLong(1));
            }
        }
    }

    @Test
    void aCodeUsedTwiceIsRefusedAndRevokesWhatItIssued() {
        String code = Partners.authorize(client, username, SCOPE, pkce);
        Response first = Partners.redeem(client, code, pkce);
        first.then().statusCode(200);
        String access = first.path("access_token");

        oauthError(Partners.redeem(client, code, pkce), 400, "invalid_grant");

        oauthError(Partners.token(client, Map.of("grant_type", "refresh_token", "refresh_token",
                first.path("refresh_token"))), 400, "invalid_grant");
        given().auth().oauth2(access).get("/oauth2/userinfo").then().statusCode(401);
        PublishedEvents.await(Topics.AUTH_SESSIONS, Tokens.claim(access, "sid"), SessionRevoked.TYPE);
    }

    @Test
    void aClientWithoutTheCodeGrantIsAnUnauthorizedClientAtTheTokenEndpoint() throws Exception {
        Client machine = Partners.confidential(admin, List.of("content:read"), List.of("client_credentials"));
        // A code valid in every other way, issued (in the database) to the client that lacks the grant.
        String code = Partners.authorize(client, username, "content:read", pkce);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE authorization_codes SET client_id = ? WHERE code_hash = ?")) {
            ps.setString(1, machine.id());
            ps.setString(2, Sha256.hex(code));
            assertEquals(1, ps.executeUpdate());
        }
        oauthError(Partners.redeem(machine, code, pkce), 400, "unauthorized_client");
    }

    @Test
    void theConsentFormWithoutTheBrowserCookieIsRefused() {
        Browser browser = new Browser();
        String requestId = Partners.requestId(browser.open(Partners.authorizationRequest(client, SCOPE, pkce)));
        browser.cookie = null;
        browser.decide(requestId, "allow", username, Accounts.PASSWORD).then().statusCode(403)
                .header("Location", nullValue());
    }

    @Test
    void theConsentFormWithAnotherBrowsersCookieIsRefused() {
        Browser victim = new Browser();
        String requestId = Partners.requestId(victim.open(Partners.authorizationRequest(client, SCOPE, pkce)));
        Browser attacker = new Browser();
        attacker.open(Partners.authorizationRequest(client, SCOPE, Pkce.create()));
        attacker.decide(requestId, "allow", username, Accounts.PASSWORD).then().statusCode(403)
                .header("Location", nullValue());
    }

    @Test
    void theConsentFormWithoutItsRequestIsRefused() {
        Browser browser = new Browser();
        browser.open(Partners.authorizationRequest(client, SCOPE, pkce));
        browser.decide(null, "allow", username, Accounts.PASSWORD).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void aConsentIsAnsweredOnce() {
        Browser browser = new Browser();
        String requestId = Partners.requestId(browser.open(Partners.authorizationRequest(client, SCOPE, pkce)));
        browser.decide(requestId, "allow", username, Accounts.PASSWORD).then().statusCode(303);
        browser.decide(requestId, "allow", username, Accounts.PASSWORD).then().statusCode(400)
                .header("Location", nullValue());
    }

    @Test
    void theAuthorizationRequestMayComeAsAForm() {
        Map<String, String> request = Partners.authorizationRequest(client, SCOPE, pkce);
        given().redirects().follow(false).contentType(ContentType.URLENC).formParams(new HashMap<>(request))
                .post("/oauth2/authorize").then().statusCode(200).body(containsString("name=\"request\""));
    }

    private static void errorRedirect(Map<String, String> request, String error) {
        Response r = new Browser().open(request);
        r.then().statusCode(303).header("Location", startsWith(Partners.REDIRECT_URI + "?error=" + error));
        Map<String, String> back = Partners.query(r.header("Location"));
        assertEquals(request.get("state"), back.get("state"));
        assertNull(back.get("code"));
    }
}
