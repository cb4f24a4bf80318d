package com.mustbeviral.auth;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionCreated;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class SessionTest {

    @Inject
    AuthConfig config;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void listsMyLiveSessionsAndMarksTheCurrentOne() {
        String username = Accounts.register();
        Accounts.login(username);
        String token = Accounts.login(username).path("access_token");

        given().auth().oauth2(token).header("User-Agent", "Mozilla/5.0 (iPhone; Mobile)").get("/api/auth/sessions")
                .then().statusCode(200)
                .body("data", hasSize(2))
                .body("data.findAll { it.current }", hasSize(1));
    }

    @Test
    void loginPublishesSessionCreated() {
        Response login = Accounts.login(Accounts.register());
        String sid = Tokens.claim(login.path("access_token"), "sid");
        PublishedEvents.await(Topics.AUTH_SESSIONS, sid, SessionCreated.TYPE);
    }

    @Test
    void logoutEndsTheSessionItsAccessTokenAndItsRefreshToken() {
        Response login = Accounts.login(Accounts.register());
        String token = login.path("access_token");

        given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);

        assertProblem(given().auth().oauth2(token).get("/api/auth/sessions").then(), 401);
        assertProblem(Accounts.refresh(login.path("refresh_token")).then(), 401);
        String sid = Tokens.claim(token, "sid");
        PublishedEvents.await(Topics.AUTH_SESSIONS, sid, SessionRevoked.TYPE);
    }

    @Test
    void theTokensOfASessionPastItsLifetimeAreRefused() {
        Response login = Accounts.login(Accounts.register());
        String token = login.path("access_token");
        given().auth().oauth2(token).get("/api/auth/sessions").then().statusCode(200);

        // The token's own expiry is checked against real time, where it is fresh; its session has ended.
        clock.advance(config.tokens().sessionTtl());

        assertProblem(given().auth().oauth2(token).get("/api/auth/sessions").then(), 401);
        assertProblem(Accounts.refresh(login.path("refresh_token")).then(), 401);
    }

    @Test
    void revokingAllOthersKeepsOnlyTheCurrentSession() {
        String username = Accounts.register();
        Response phone = Accounts.login(username);
        Accounts.login(username);
        String laptop = Accounts.login(username).path("access_token");

        given().auth().oauth2(laptop).delete("/api/auth/sessions").then().statusCode(200).body("revoked", equalTo(2));

        given().auth().oauth2(laptop).get("/api/auth/sessions").then().statusCode(200).body("data", hasSize(1));
        assertProblem(Accounts.refresh(phone.path("refresh_token")).then(), 401);
    }

    @Test
    void revokingOneSessionEndsIt() {
        String username = Accounts.register();
        Response phone = Accounts.login(username);
        String laptop = Accounts.login(username).path("access_token");

        given().auth().oauth2(laptop).delete("/api/auth/sessions/" + Tokens.claim(phone.path("access_token"), "sid"))
                .then().statusCode(204);

        assertProblem(Accounts.refresh(phone.path("refresh_token")).then(), 401);
    }

    @Test
    void anotherUsersSessionIsNotFound() {
        Response mallory = Accounts.login(Accounts.register());
        String victimSid = Tokens.claim(Accounts.login(Accounts.register()).path("access_token"), "sid");

        assertProblem(given().auth().oauth2(mallory.<String>path("access_token")).delete("/api/auth/sessions/" + victimSid)
                .then(), 404);
    }

    @Test
    void sessionsNeedAToken() {
        assertProblem(given().get("/api/auth/sessions").then(), 401);
    }
}
