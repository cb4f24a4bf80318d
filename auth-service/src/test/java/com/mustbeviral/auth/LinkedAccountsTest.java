package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AccountUnlinked;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(SocialProviderFakes.class)
class LinkedAccountsTest {

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private final FakeProviders providers = new FakeProviders();

    @Test
    @Tag("account-takeover")
    void anAccountWhoseEmailIsUnverifiedCannotLinkAProvider() {
        // Pre-account-takeover: whoever registered someone else's address must not add a way in that
        // survives the owner's later sign-in with a provider that vouches for the address.
        String token = Accounts.login(Accounts.register()).path("access_token");

        assertProblem(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("redirect_uri", Browser.APP_SETTINGS)).post("/api/users/me/linked-accounts/github").then(), 403)
                .body("type", equalTo("https://mustbeviral.com/problems/email-unverified"));

        given().auth().oauth2(token).get("/api/users/me/linked-accounts").then().body("data", hasSize(0));
    }

    @Test
    @Tag("account-takeover")
    void aLinkStartedWhileVerifiedIsRefusedAtTheCallbackOnceTheEmailIsNoLongerVerified() throws Exception {
        String username = Accounts.registerVerified();
        String token = Accounts.login(username).path("access_token");
        Response start = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("redirect_uri", Browser.APP_SETTINGS)).post("/api/users/me/linked-accounts/github");
        start.then().statusCode(200);
        setEmailVerified(username, false);
        Browser.Started started = Browser.continueLink(start);
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, FakeProviders.uniqueId(), FakeProviders.unique("octo"),
                FakeProviders.unique("o") + "@example.com", true);

        Response back = Browser.returnWithCode("github", started, code);

        assertEquals("email_unverified", Browser.fragment(back).get("error"));
        given().auth().oauth2(token).get("/api/users/me/linked-accounts").then().body("data", hasSize(0));
    }

    @Test
    void unlinkingTheLastWayToLogInIsRefused() {
        String token = xLogin(FakeProviders.unique("17"));

        assertProblem(given().auth().oauth2(token).delete("/api/users/me/linked-accounts/twitter").then(), 409);

        given().auth().oauth2(token).get("/api/users/me/linked-accounts").then().body("data", hasSize(1));
    }

    @Test
    void unlinkingOneOfTwoLinksOfAnAccountWithoutPasswordIsAllowed() {
        String token = xLogin(FakeProviders.unique("17"));
        linkGithub(token, FakeProviders.uniqueId());

        given().auth().oauth2(token).delete("/api/users/me/linked-accounts/twitter").then().statusCode(204);

        given().auth().oauth2(token).get("/api/users/me/linked-accounts").then()
                .body("data", hasSize(1)).body("data[0].provider", equalTo("github"));
    }

    @Test
    void unlinkingFromAnAccountWithAPasswordPublishesAccountUnlinked() throws Exception {
        String username = Accounts.registerVerified();
        String token = Accounts.login(username).path("access_token");
        String userId = Tokens.claim(token, "sub");
        long githubId = FakeProviders.uniqueId();
        linkGithub(token, githubId);

        given().auth().oauth2(token).delete("/api/users/me/linked-accounts/github").then().statusCode(204);

        given().auth().oauth2(token).get("/api/users/me/linked-accounts").then().body("data", hasSize(0));
        ConsumerRecord<String, String> unlinked = PublishedEvents.await(Topics.AUTH_USERS, userId, AccountUnlinked.TYPE);
        assertEquals(fields(ExamplePayloads.of(AccountUnlinked.TYPE)), fields(unlinked.value()));
        assertEquals(Long.toString(githubId), json.readTree(unlinked.value()).get("provider_user_id").asText());
        assertProblem(given().auth().oauth2(token).delete("/api/users/me/linked-accounts/github").then(), 404);
    }

    @Test
    void anExplicitLinkLetsAProviderWithAnUnverifiedEmailLogIn() {
        String username = Accounts.registerVerified();
        String token = Accounts.login(username).path("access_token");
        long githubId = FakeProviders.uniqueId();
        String login = FakeProviders.unique("octo");
        String unverified = username + "@example.com";
        Map<String, String> linked = linkGithub(token, githubId, login, unverified, false);
        assertEquals("github", linked.get("linked"));

        Browser.Started started = Browser.start("github");
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, githubId, login, unverified, false);
        Response back = Browser.returnWithCode("github", started, code);

        assertEquals(Tokens.claim(token, "sub"), Tokens.claim(Browser.tokens(back).get("access_token"), "sub"));
    }

    @Test
    void aProviderAccountLinkedToSomeoneElseCannotBeLinkedAgain() {
        String token = xLogin(FakeProviders.unique("17"));
        long githubId = FakeProviders.uniqueId();
        linkGithub(token, githubId);
        String other = Accounts.login(Accounts.registerVerified()).path("access_token");

        Map<String, String> fragment = linkGithub(other, githubId, "octo", "x@example.com", true);

        assertEquals("account_linked_elsewhere", fragment.get("error"));
        given().auth().oauth2(other).get("/api/users/me/linked-accounts").then().body("data", hasSize(0));
    }

    @Test
    void aLinkUrlOpenedInAnotherBrowserIsRefusedWithoutGoingToTheProvider() {
        // Whoever started a link cannot have a victim's browser finish it: the URL is nothing without the cookie.
        String token = Accounts.login(Accounts.registerVerified()).path("access_token");
        Response start = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("redirect_uri", Browser.APP_SETTINGS)).post("/api/users/me/linked-accounts/github");
        start.then().statusCode(200);

        Response elsewhere = given().redirects().follow(false)
                .get(java.net.URI.create(start.<String>path("authorization_url")).getPath());

        assertProblem(elsewhere.then(), 400).header("Location", nullValue());
    }

    @Test
    void linkedAccountsNeedAToken() {
        assertProblem(given().get("/api/users/me/linked-accounts").then(), 401);
    }

    private void setEmailVerified(String username, boolean verified) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE users SET email_verified = ? WHERE username = ?")) {
            ps.setBoolean(1, verified);
            ps.setString(2, username);
            ps.executeUpdate();
        }
    }

    private String xLogin(String xId) {
        Browser.Started started = Browser.start("twitter");
        String code = FakeProviders.unique("x-code-");
        providers.xIssues(code, xId, FakeProviders.unique("x_"));
        Response back = Browser.returnWithCode("twitter", started, code);
        back.then().statusCode(302);
        return Browser.tokens(back).get("access_token");
    }

    private void linkGithub(String token, long githubId) {
        assertEquals("github", linkGithub(token, githubId, FakeProviders.unique("octo"),
                FakeProviders.unique("o") + "@example.com", true).get("linked"));
    }

    /** The logged-in user links a GitHub account through the browser; returns the fragment the app gets. */
    private Map<String, String> linkGithub(String token, long githubId, String login, String email, boolean verified) {
        Response start = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("redirect_uri", Browser.APP_SETTINGS)).post("/api/users/me/linked-accounts/github");
        start.then().statusCode(200);
        Browser.Started started = Browser.continueLink(start);
        String code = FakeProviders.unique("gh-");
        providers.githubIssues(code, githubId, login, email, verified);
        Response back = Browser.returnWithCode("github", started, code);
        back.then().statusCode(302);
        assertEquals(Browser.APP_SETTINGS, Browser.target(back));
        return Browser.fragment(back);
    }
}
