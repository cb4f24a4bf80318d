package com.mustbeviral.fleet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A partner's authorization-code flow as a person meets it: a real browser (headless Chromium) on the
 * consent page served through the gateway, and a stock OpenID Connect client library (Nimbus) on the
 * partner's side that discovers the provider, redeems the code with PKCE, validates the ID token and
 * calls userinfo, all through the gateway.
 */
@ExtendWith(RunningFleet.class)
class PartnerConsentBrowserIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Scope SCOPE = new Scope("openid", "profile", "email", "content:read");

    private static ChromeDriver browser;
    private static PartnerCallback callback;
    private static OIDCProviderMetadata provider;
    private static ClientID clientId;
    private static Secret clientSecret;
    private static FleetAccounts.Account user;

    @BeforeAll
    static void partnerAndUser() throws Exception {
        browser = HeadlessChromium.start();
        callback = new PartnerCallback();
        // Discovery through the gateway, as a partner's library does from the issuer alone.
        provider = OIDCProviderMetadata.resolve(new Issuer(FleetAccounts.ISSUER));

        Map<String, Object> client = given().auth().oauth2(FleetAccounts.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Browser Partner", "redirect_uris", List.of(callback.redirectUri().toString()),
                        "scopes", List.of("openid", "profile", "email", "content:read"),
                        "grant_types", List.of("authorization_code", "refresh_token"), "public_client", false))
                .post("/api/admin/oauth-clients").then().statusCode(201).extract().as(Map.class);
        clientId = new ClientID((String) client.get("client_id"));
        clientSecret = new Secret((String) client.get("client_secret"));
        user = FleetAccounts.verifiedCreator();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (callback != null) {
            callback.close();
        }
    }

    @Test
    void aPersonAllowsOnTheConsentPageAndThePartnerRedeemsTheCodeWithPkce() throws Exception {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        browser.manage().deleteAllCookies();
        browser.get(authorizationRequest(state, nonce, verifier).toString());

        assertTrue(browser.getTitle().startsWith("Allow Browser Partner"), browser.getTitle());
        browser.findElement(By.id("login")).sendKeys(user.username());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[value=allow]")).click();

        AuthenticationResponse answer = AuthenticationResponseParser.parse(callback.awaitCallback(browser));
        assertTrue(answer.indicatesSuccess(), () -> answer.toErrorResponse().getErrorObject().toString());
        assertEquals(state, answer.getState());
        AuthorizationCode code = answer.toSuccessResponse().getAuthorizationCode();

        TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, clientSecret),
                new AuthorizationCodeGrant(code, callback.redirectUri(), verifier)).toHTTPRequest().send());
        assertTrue(tokens.indicatesSuccess(), () -> tokens.toErrorResponse().getErrorObject().toString());
        OIDCTokens oidc = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens();

        IDTokenClaimsSet id = new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL()).validate(oidc.getIDToken(), nonce);
        assertEquals(user.id(), id.getSubject().getValue());

        UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                oidc.getBearerAccessToken()).toHTTPRequest().send());
        assertTrue(info.indicatesSuccess(), () -> info.toErrorResponse().getErrorObject().toString());
        UserInfo claims = info.toSuccessResponse().getUserInfo();
        assertEquals(user.id(), claims.getSubject().getValue());
        assertEquals(user.email(), claims.getEmailAddress());

        // The same code a second time is refused: it was single-use.
        TokenResponse replay = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, clientSecret),
                new AuthorizationCodeGrant(code, callback.redirectUri(), verifier)).toHTTPRequest().send());
        assertFalse(replay.indicatesSuccess());
        assertEquals("invalid_grant", replay.toErrorResponse().getErrorObject().getCode());
    }

    @Test
    void aPersonWhoDeniesSendsThePartnerBackWithAccessDenied() throws Exception {
        State state = new State();
        browser.manage().deleteAllCookies();
        browser.get(authorizationRequest(state, new Nonce(), new CodeVerifier()).toString());

        browser.findElement(By.cssSelector("button[value=deny]")).click();

        AuthenticationResponse answer = AuthenticationResponseParser.parse(callback.awaitCallback(browser));
        assertFalse(answer.indicatesSuccess());
        assertEquals("access_denied", answer.toErrorResponse().getErrorObject().getCode());
        assertEquals(state, answer.getState());
    }

    private static URI authorizationRequest(State state, Nonce nonce, CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(new ResponseType("code"), SCOPE, clientId, callback.redirectUri())
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
    }
}
