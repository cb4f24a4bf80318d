package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.contracts.auth.TokenReuseDetected;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class RefreshTokenTest {

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuthConfig config;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        Response first = Accounts.login(Accounts.register());
        Response second = Accounts.refresh(first.path("refresh_token"));
        second.then().statusCode(200).header("Cache-Control", "no-store");

        assertNotEquals(first.<String>path("refresh_token"), second.path("refresh_token"));
        Accounts.refresh(second.path("refresh_token")).then().statusCode(200);
    }

    @Test
    void theRefreshedAccessTokenSpeaksForTheSameUserAndSession() {
        Response login = Accounts.login(Accounts.register());
        String first = login.path("access_token");
        String refreshed = Accounts.refresh(login.path("refresh_token")).path("access_token");

        for (String claim : List.of("sub", "role", "plan", "sid")) {
            assertEquals(Tokens.claim(first, claim), Tokens.claim(refreshed, claim), claim);
        }
        assertEquals("creator", Tokens.claim(refreshed, "role"));
    }

    @Test
    void reuseOfAnOlderGenerationRevokesTheFamilyAndIsPublished() throws Exception {
        Response login = Accounts.login(Accounts.register());
        String a = login.path("refresh_token");
        String b = Accounts.refresh(a).path("refresh_token");
        String c = Accounts.refresh(b).path("refresh_token");

        // a is two rotations old: no grace applies.
        assertProblem(Accounts.refresh(a).then(), 401).body("error", equalTo("invalid_grant"));
        assertProblem(Accounts.refresh(c).then(), 401);

        String sid = sessionId(login);
        ConsumerRecord<String, String> reuse = PublishedEvents.await(Topics.AUTH_SESSIONS, sid, TokenReuseDetected.TYPE);
        assertEquals(fields(ExamplePayloads.of(TokenReuseDetected.TYPE)), fields(reuse.value()));
        ConsumerRecord<String, String> revoked = PublishedEvents.await(Topics.AUTH_SESSIONS, sid, SessionRevoked.TYPE);
        assertEquals(fields(ExamplePayloads.of(SessionRevoked.TYPE)), fields(revoked.value()));
        assertEquals("refresh_token_reuse", json.readTree(revoked.value()).get("reason").asText());
    }

    @Test
    void theTokenJustRotatedMayBeRetriedOnceWithinTheGraceWindow() {
        String a = Accounts.login(Accounts.register()).path("refresh_token");
        Accounts.refresh(a).then().statusCode(200);

        // The client lost the answer and retries: allowed once, and the family rotates again.
        Response retry = Accounts.refresh(a);
        retry.then().statusCode(200);
        Accounts.refresh(retry.path("refresh_token")).then().statusCode(200);
    }

    @Test
    void aSecondRetryWithinTheGraceWindowIsAReuse() {
        String a = Accounts.login(Accounts.register()).path("refresh_token");
        Accounts.refresh(a).then().statusCode(200);
        String afterRetry = Accounts.refresh(a).path("refresh_token");

        assertProblem(Accounts.refresh(a).then(), 401);
        assertProblem(Accounts.refresh(afterRetry).then(), 401);
    }

    @Test
    void theTokenJustRotatedIsAReuseAfterTheGraceWindow() {
        String a = Accounts.login(Accounts.register()).path("refresh_token");
        String b = Accounts.refresh(a).path("refresh_token");
        clock.advance(config.tokens().refreshGraceWindow().plusMillis(1));

        assertProblem(Accounts.refresh(a).then(), 401);
        assertProblem(Accounts.refresh(b).then(), 401);
    }

    @Test
    void reuseRevokesOnlyThatLoginNotTheUsersOtherDevices() {
        String username = Accounts.register();
        String phone = Accounts.login(username).path("refresh_token");
        String laptop = Accounts.login(username).path("refresh_token");
        String phoneNext = Accounts.refresh(phone).path("refresh_token");
        Accounts.refresh(phoneNext).then().statusCode(200);
        Accounts.refresh(phone).then().statusCode(401);

        Accounts.refresh(laptop).then().statusCode(200);
    }

    @Test
    void concurrentRefreshesOfOneTokenLeaveOneFamilyWithOneCurrentToken() throws Exception {
        String a = Accounts.login(Accounts.register()).path("refresh_token");
        List<Thread> threads = new ArrayList<>();
        List<Response> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> answers.add(Accounts.refresh(a)));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        List<String> issued = answers.stream().filter(r -> r.statusCode() == 200)
                .map(r -> r.<String>path("refresh_token")).toList();

        assertEquals(true, !issued.isEmpty());
        List<String> hashes = issued.stream().map(Sha256::hex).toList();
        String in = String.join(",", java.util.Collections.nCopies(hashes.size(), "?"));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(DISTINCT session_id), sum(CASE WHEN rotated_at IS NULL THEN 1 ELSE 0 END) "
                        + "FROM refresh_tokens WHERE token_hash IN (" + in + ")")) {
            for (int i = 0; i < hashes.size(); i++) {
                ps.setString(i + 1, hashes.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "one family");
                // At most one token of the family is current; none if a reuse already revoked it.
                assertEquals(true, rs.getInt(2) <= 1, "at most one current token");
            }
        }
    }

    @Test
    void anUnknownRefreshTokenIsRejected() {
        assertProblem(Accounts.refresh("not-a-token-we-issued").then(), 401).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aMissingRefreshTokenIsABadRequest() {
        assertProblem(io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body("{}")
                .post("/api/auth/refresh").then(), 400);
    }

    private String sessionId(Response login) throws Exception {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(login.<String>path("access_token").split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return json.readTree(payload).get("sid").asText();
    }
}
