package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AccountLinked;
import com.mustbeviral.contracts.auth.AccountUnlinked;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.contracts.auth.UserRegistered;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(SocialProviderFakes.class)
class SocialLoginTest {

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private final FakeProviders providers = new FakeProviders();

    @Test
    void firstGoogleLoginCreatesAnAccountAndHandsTheAppAOneTimeCodeForItsTokens() throws Exception {
        Browser.Started started = Browser.start("google");
        Map<String, String> asked = started.providerQuery();
        assertEquals(providers.base + "/google/o/oauth2/v2/auth", started.providerUrl().toString().split("\\?")[0]);
        assertEquals(SocialProviderFakes.GOOGLE_CLIENT_ID, asked.get("client_id"));
        assertEquals("code", asked.get("response_type"));
        assertEquals(Issuer.url() + "/api/auth/oauth/google/callback", asked.get("redirect_uri"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertTrue(asked.get("scope").contains("openid"));
        assertTrue(asked.get("nonce").length() >= 16);
        String email = FakeProviders.unique("grace") + "@gmail.com";
        String code = FakeProviders.unique("4/0A");
        providers.googleIssues(code, providers.googleClaims(FakeProviders.unique("1"), email, true, asked.get("nonce")));

        Response back = Browser.returnWithCode("google", started, code);

        back.then().statusCode(302).header("Cache-Control", "no-store");
        assertEquals(Browser.APP_CALLBACK, Browser.target(back));
        Map<String, String> fragment = Browser.fragment(back);
        assertEquals("app-state", fragment.get("state"));
        assertEquals(Set.of("code", "state"), fragment.keySet()); // no token in the URL
        Map<String, String> tokens = Browser.tokens(back);
        assertEquals("Bearer", tokens.get("token_type"));
        String accessToken = tokens.get("access_token");
        assertEquals("creator", Tokens.claim(accessToken, "role"));
        Accounts.refresh(tokens.get("refresh_token")).then().statusCode(200);
        given().auth().oauth2(accessToken).get("/api/users/me/linked-accounts").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].provider", equalTo("google"))
                .body("data[0].email", equalTo(email))
                .body("data[0].email_verified", equalTo(true));
        // PKCE: the verifier sent with the code is the one whose S256 hash went to the provider first.
        LoggedRequest exchange = providers.tokenRequests("/google/token", code).get(0);
        Map<String, String> form = FakeProviders.form(exchange);
        assertEquals(asked.get("code_challenge"), s256(form.get("code_verifier")));
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals(asked.get("redirect_uri"), form.get("redirect_uri"));
        assertEquals(basic(SocialProviderFakes.GOOGLE_CLIENT_ID, SocialProviderFakes.GOOGLE_CLIENT_SECRET),
                exchange.getHeader("Authorization"));

        String userId = Tokens.claim(accessToken, "sub");
        PublishedEvents.await(Topics.AUTH_USERS, userId, UserRegistered.TYPE);
        ConsumerRecord<String, String> linked = PublishedEvents.await(Topics.AUTH_USERS, userId, AccountLinked.TYPE);
        assertEquals(fields(ExamplePayloads.of(AccountLinked.TYPE)), fields(linked.value()));
        assertEquals(AccountLinked.METHOD_SIGN_UP, json.readTree(linked.value()).get("method").asText());
        assertEquals("google", json.readTree(linked.value()).get("provider").asText());
    }

    @Test
    void secondLoginWithTheSameGoogleAccountUsesItsLink() {
        String subject = FakeProviders.unique("1");
        String email = FakeProviders.unique("grace") + "@gmail.com";

        String first = googleLogin(subject, email, true).get("access_token");
        String second = googleLogin(subject, email, true).get("access_token");

        assertEquals(Tokens.claim(first, "sub"), Tokens.claim(second, "sub"));
        assertNotEquals(Tokens.claim(first, "sid"), Tokens.claim(second, "sid"));
        given().auth().oauth2(second).get("/api/users/me/linked-accounts").then().statusCode(200).body("data", hasSize(1));
    }

    @Test
    void googleLoginWithAVerifiedEmailLinksToTheAccountHoldingIt() throws Exception {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");

        Map<String, String> tokens = googleLogin(FakeProviders.unique("1"), username + "@example.com", true);

        assertEquals(userId, Tokens.claim(tokens.get("access_token"), "sub"));
        ConsumerRecord<String, String> linked = PublishedEvents.await(Topics.AUTH_USERS, userId, AccountLinked.TYPE);
        assertEquals(AccountLinked.METHOD_VERIFIED_EMAIL, json.readTree(linked.value()).get("method").asText());
    }

    @Test
    @Tag("account-takeover")
    void aVerifiedEmailClaimingAnAccountNobodyVerifiedRemovesItsPasswordAndEndsItsSessions() throws Exception {
        // Pre-account-takeover: someone registers the owner's address (registration does not verify it)
        // and keeps a session, waiting for the owner to sign in with Google.
        String username = Accounts.register();
        Response squatter = Accounts.login(username);
        String squatterSession = Tokens.claim(squatter.path("access_token"), "sid");

        Map<String, String> owner = googleLogin(FakeProviders.unique("1"), username + "@example.com", true);

        assertEquals(Tokens.claim(squatter.path("access_token"), "sub"), Tokens.claim(owner.get("access_token"), "sub"));
        assertProblem(Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then(), 401);
        assertProblem(Accounts.refresh(squatter.path("refresh_token")).then(), 401);
        assertProblem(given().auth().oauth2(squatter.<String>path("access_token")).get("/api/users/me").then(), 401);
        ConsumerRecord<String, String> revoked = PublishedEvents.await(Topics.AUTH_SESSIONS, squatterSession,
                SessionRevoked.TYPE);
        assertEquals("email_claimed_by_provider", json.readTree(revoked.value()).get("reason").asText());
        given().auth().oauth2(owner.get("access_token")).get("/api/users/me").then().statusCode(200)
                .body("email", equalTo(username + "@example.com"));
        Accounts.refresh(owner.get("refresh_token")).then().statusCode(200);
    }

    @Test
    @Tag("account-takeover")
    void aVerifiedEmailClaimingAnAccountNobodyVerifiedRemovesTheLinksItsRegistrantAdded() throws Exception {
        // The registrant of the owner's address linked their own GitHub account to it (as the API let
        // unverified accounts do before; such links may still exist), then waits for the owner.
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        long squattersGithub = FakeProviders.uniqueId();
        addLink(userId, "github", Long.toString(squattersGithub));

        Map<String, String> owner = googleLogin(FakeProviders.unique("1"), username + "@example.com", true);

        assertEquals(userId, Tokens.claim(owner.get("access_token"), "sub"));
        given().auth().oauth2(owner.get("access_token")).get("/api/users/me/linked-accounts").then()
                .body("data", hasSize(1)).body("data[0].provider", equalTo("google"));
        ConsumerRecord<String, String> unlinked = PublishedEvents.await(Topics.AUTH_USERS, userId, AccountUnlinked.TYPE);
        assertEquals(Long.toString(squattersGithub), json.readTree(unlinked.value()).get("provider_user_id").asText());
        // The squatter's GitHub account no longer leads into the owner's account.
        Browser.Started started = Browser.start("github", Map.of("response_mode", "json"));
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, squattersGithub, FakeProviders.unique("octo"),
                FakeProviders.unique("squatter") + "@example.com", true);
        Response squatter = Browser.returnWithCode("github", started, code);
        squatter.then().statusCode(200);
        assertNotEquals(userId, Tokens.claim(squatter.path("access_token"), "sub"));
    }

    @Test
    @Tag("account-takeover")
    void aVerifiedEmailClaimingAnAccountNobodyVerifiedRevokesThePartnerGrantsItsRegistrantGave() throws Exception {
        // A grant given while unverified accounts could still consent (they no longer can).
        String username = Accounts.register();
        setEmailVerified(username, true);
        Partners.Client client = Partners.confidential(Partners.adminToken(dataSource), Partners.ALL_SCOPES,
                Partners.ALL_GRANTS);
        Partners.Pkce pkce = Partners.Pkce.create();
        Response partner = Partners.redeem(client,
                Partners.authorize(client, username, "content:read offline_access", pkce), pkce);
        partner.then().statusCode(200);
        String grant = Tokens.claim(partner.path("access_token"), "sid");
        setEmailVerified(username, false);

        googleLogin(FakeProviders.unique("1"), username + "@example.com", true);

        Partners.token(client, Map.of("grant_type", "refresh_token", "refresh_token", partner.path("refresh_token")))
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        ConsumerRecord<String, String> revoked = PublishedEvents.await(Topics.AUTH_SESSIONS, grant, SessionRevoked.TYPE);
        assertEquals("email_claimed_by_provider", json.readTree(revoked.value()).get("reason").asText());
    }

    @Test
    void aGithubVerifiedEmailClaimingAnAccountNobodyVerifiedRemovesItsPassword() {
        String username = Accounts.register();

        githubJsonLogin(username + "@example.com", true).then().statusCode(200);

        assertProblem(Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then(), 401);
    }

    @Test
    void aSecondProviderVouchingForAnAlreadyVerifiedEmailEndsNoSession() {
        String email = FakeProviders.unique("grace") + "@gmail.com";
        Map<String, String> first = googleLogin(FakeProviders.unique("1"), email, true);

        Response second = githubJsonLogin(email, true);

        second.then().statusCode(200);
        assertEquals(Tokens.claim(first.get("access_token"), "sub"), Tokens.claim(second.path("access_token"), "sub"));
        Accounts.refresh(first.get("refresh_token")).then().statusCode(200);
    }

    @Test
    void githubLoginWithAVerifiedPrimaryEmailLinksToTheAccountHoldingIt() {
        String username = Accounts.register();
        String userId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");

        Response answer = githubJsonLogin(username + "@example.com", true);

        answer.then().statusCode(200).header("Cache-Control", "no-store").body("token_type", equalTo("Bearer"));
        assertEquals(userId, Tokens.claim(answer.path("access_token"), "sub"));
    }

    @Test
    void githubLoginWithAnUnverifiedEmailOfAnExistingAccountIsRefused() {
        String username = Accounts.register();

        Response answer = githubJsonLogin(username + "@example.com", false);

        assertProblem(answer.then(), 409).body("error", equalTo("account_link_required"))
                .body("access_token", nullValue());
        given().auth().oauth2(Accounts.login(username).<String>path("access_token"))
                .get("/api/users/me/linked-accounts").then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void xLoginWithoutEmailCreatesASeparateAccountEvenWhenTheHandleIsATakenUsername() throws Exception {
        String username = Accounts.register();
        String existingId = Tokens.claim(Accounts.login(username).path("access_token"), "sub");
        Browser.Started started = Browser.start("twitter");
        String code = FakeProviders.unique("x-code-");
        providers.xIssues(code, FakeProviders.unique("17"), username);

        Response back = Browser.returnWithCode("twitter", started, code);

        back.then().statusCode(302);
        String accessToken = Browser.tokens(back).get("access_token");
        assertNotEquals(existingId, Tokens.claim(accessToken, "sub"));
        given().auth().oauth2(accessToken).get("/api/users/me/linked-accounts").then().statusCode(200)
                .body("data[0].provider", equalTo("twitter"))
                .body("data[0].provider_username", equalTo(username))
                .body("data[0].email", nullValue());
        // X's token endpoint: a confidential client authenticates with Basic, and PKCE is always on.
        LoggedRequest exchange = providers.tokenRequests("/x/2/oauth2/token", code).get(0);
        assertEquals(basic(SocialProviderFakes.X_CLIENT_ID, SocialProviderFakes.X_CLIENT_SECRET),
                exchange.getHeader("Authorization"));
        assertEquals(started.providerQuery().get("code_challenge"), s256(FakeProviders.form(exchange).get("code_verifier")));
    }

    @Test
    void aForgedStateIsRefusedBeforeAnyCodeIsExchanged() {
        Browser.Started victims = Browser.start("github");
        Browser.Started attackers = Browser.start("github");
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, FakeProviders.uniqueId(), FakeProviders.unique("octo"), "a@example.com", true);

        Response back = Browser.callback("github", victims.cookies(), Map.of("code", code, "state", attackers.state()));

        assertProblem(back.then(), 400).header("Location", nullValue());
        assertTrue(providers.tokenRequests("/github/login/oauth/access_token", code).isEmpty());
    }

    @Test
    void aReplayedCallbackIsRefusedEvenWhereTheProviderExchangesTheCodeAgain() {
        // The fake answers the code every time (GitHub would not): the flow itself must end once.
        Browser.Started started = Browser.start("github");
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, FakeProviders.uniqueId(), FakeProviders.unique("octo"),
                FakeProviders.unique("o") + "@example.com", true);
        Response first = Browser.returnWithCode("github", started, code);
        first.then().statusCode(302);

        Response replay = Browser.returnWithCode("github", started, code);

        assertProblem(replay.then(), 400).header("Location", nullValue());
        Browser.exchange(Browser.fragment(first).get("code")).then().statusCode(200);
    }

    @Test
    void theAppsCodeWorksOnce() {
        Browser.Started started = Browser.start("github");
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, FakeProviders.uniqueId(), FakeProviders.unique("octo"),
                FakeProviders.unique("o") + "@example.com", true);
        String appCode = Browser.fragment(Browser.returnWithCode("github", started, code)).get("code");
        Browser.exchange(appCode).then().statusCode(200);

        assertProblem(Browser.exchange(appCode).then(), 400)
                .body("type", equalTo("https://mustbeviral.com/problems/invalid-login-code"));
        assertProblem(Browser.exchange("never-issued").then(), 400);
    }

    @Test
    void theProvidersSayWhichAreConfigured() {
        given().get("/api/auth/oauth/providers").then().statusCode(200)
                .body("data.id", org.hamcrest.Matchers.contains("google", "github", "twitter"))
                .body("data.enabled", org.hamcrest.Matchers.contains(true, true, true));
    }

    @Test
    void anUnknownProviderIsNotFound() {
        assertProblem(Browser.authorize("myspace", Browser.APP_CALLBACK, Map.of()).then(), 404)
                .header("Location", nullValue());
    }

    @Test
    void aRedirectUriOutsideTheAllowListIsRefusedWithoutRedirecting() {
        Response answer = Browser.authorize("google", Browser.APP_CALLBACK + ".evil.example", Map.of());

        assertProblem(answer.then(), 400).header("Location", nullValue()).header("Set-Cookie", nullValue());
    }

    @Test
    void aProviderErrorReachesTheAppAndNoCodeIsExchanged() {
        Browser.Started started = Browser.start("github");

        Response toErrorPath = Browser.callback("github", started.cookies(), Map.of("error", "access_denied",
                "error_description", "The user has denied your application access.", "state", started.state()));
        toErrorPath.then().statusCode(302);
        Response back = Browser.follow(toErrorPath, started.cookies());

        back.then().statusCode(302);
        assertEquals(Browser.APP_CALLBACK, Browser.target(back));
        Map<String, String> fragment = Browser.fragment(back);
        assertEquals("access_denied", fragment.get("error"));
        assertEquals("app-state", fragment.get("state"));
        assertNull(fragment.get("code"));
    }

    @Test
    void aGoogleIdTokenIssuedForAnotherLoginIsRefused() {
        Browser.Started started = Browser.start("google");
        String email = FakeProviders.unique("grace") + "@gmail.com";
        String code = FakeProviders.unique("4/0A");
        providers.googleIssues(code, providers.googleClaims(FakeProviders.unique("1"), email, true, "another-login"));

        Response back = Browser.returnWithCode("google", started, code);

        back.then().statusCode(302);
        Map<String, String> fragment = Browser.fragment(back);
        assertEquals("invalid_provider_response", fragment.get("error"));
        assertNull(fragment.get("code"));
    }

    @Test
    void aGoogleIdTokenForAnotherAudienceIsRefused() {
        Browser.Started started = Browser.start("google");
        String code = FakeProviders.unique("4/0A");
        JwtClaims claims = providers.googleClaims(FakeProviders.unique("1"), FakeProviders.unique("grace") + "@gmail.com",
                true, started.providerQuery().get("nonce"));
        claims.setAudience("another-app.apps.googleusercontent.com");
        claims.setClaim("azp", "another-app.apps.googleusercontent.com");
        providers.googleIssues(code, claims);

        Response back = Browser.returnWithCode("google", started, code);

        back.then().statusCode(302);
        assertEquals("invalid_provider_response", Browser.fragment(back).get("error"));
        assertNull(Browser.fragment(back).get("code"));
    }

    @Test
    void aGoogleEmailReportedUnverifiedNeitherLinksNorClaimsTheAddress() {
        String username = Accounts.register();
        String email = username + "@example.com";

        Browser.Started started = Browser.start("google");
        String code = FakeProviders.unique("4/0A");
        providers.googleIssues(code, providers.googleClaims(FakeProviders.unique("1"), email, false,
                started.providerQuery().get("nonce")));
        Response back = Browser.returnWithCode("google", started, code);

        assertEquals("account_link_required", Browser.fragment(back).get("error"));
        assertNull(Browser.fragment(back).get("code"));
        given().auth().oauth2(Accounts.login(username).<String>path("access_token"))
                .get("/api/users/me/linked-accounts").then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void aGoogleIdTokenSignedByAnotherKeyIsRefused() {
        Browser.Started started = Browser.start("google");
        String code = FakeProviders.unique("4/0A");
        String forged = FakeProviders.sign(providers.googleClaims(FakeProviders.unique("1"),
                FakeProviders.unique("grace") + "@gmail.com", true, started.providerQuery().get("nonce")),
                FakeProviders.newKey());
        providers.googleIssuesRaw(code, forged);

        Response back = Browser.returnWithCode("google", started, code);

        assertEquals("invalid_provider_response", Browser.fragment(back).get("error"));
    }

    @Test
    void aCodeRefusedByTheProviderIsAProblemForTheApp() {
        Browser.Started started = Browser.start("twitter", Map.of("response_mode", "json"));
        String code = FakeProviders.unique("x-code-");
        providers.xRefuses(code);

        Response back = Browser.returnWithCode("twitter", started, code);

        assertProblem(back.then(), 400).body("error", equalTo("invalid_grant")).body("access_token", emptyOrNullString());
    }

    private Map<String, String> googleLogin(String subject, String email, boolean verified) {
        Browser.Started started = Browser.start("google");
        String code = FakeProviders.unique("4/0A");
        providers.googleIssues(code, providers.googleClaims(subject, email, verified, started.providerQuery().get("nonce")));
        Response back = Browser.returnWithCode("google", started, code);
        back.then().statusCode(302);
        return Browser.tokens(back);
    }

    /** A link written as it stood before this release (no email kept), bypassing today's rules. */
    private void addLink(String userId, String provider, String providerUserId) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "INSERT INTO oauth_accounts (provider, provider_user_id, user_id, email_verified, linked_at) VALUES (?, ?, ?, FALSE, 0)")) {
            ps.setString(1, provider);
            ps.setString(2, providerUserId);
            ps.setString(3, userId);
            ps.executeUpdate();
        }
    }

    private void setEmailVerified(String username, boolean verified) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE users SET email_verified = ? WHERE username = ?")) {
            ps.setBoolean(1, verified);
            ps.setString(2, username);
            ps.executeUpdate();
        }
    }

    private Response githubJsonLogin(String email, boolean verified) {
        Browser.Started started = Browser.start("github", Map.of("response_mode", "json"));
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, FakeProviders.uniqueId(), FakeProviders.unique("octo"), email, verified);
        return Browser.returnWithCode("github", started, code);
    }


    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
