package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static org.awaitility.Awaitility.await;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RevokedSessionsRefused;
import com.mustbeviral.testsupport.TestClock;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Zero trust: a person's token of a revoked session is refused here too, as soon as auth.sessions says so. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SessionRevocationTest extends RevokedSessionsRefused {

    @Inject
    TestClock clock;

    @Override
    protected String protectedPath() {
        return "/api/tags";
    }

    @Override
    protected TestTokens tokenOfSession(String sessionId) {
        return TestTokens.user().claim("sid", sessionId);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * The verifier remembers a token it verified (VerifiedTokens): the very same bytes, already
     * let in, are still refused once their session is revoked.
     */
    @Test
    void aTokenAlreadyVerifiedIsRefusedOnceItsSessionIsRevoked() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        String bearer = tokenOfSession(sessionId).asBearer();
        io.restassured.RestAssured.given().header("Authorization", bearer).get(protectedPath()).then().statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", bearer).get(protectedPath()).then().statusCode(200);

        publishRevocation(sessionId, clock.instant().plus(Duration.ofMinutes(15)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertProblem(
                io.restassured.RestAssured.given().header("Authorization", bearer).get(protectedPath()).then(), 401));
    }

    /**
     * Issue 13, hole 10, by the service's clock (the platform's revoked_sessions table reads it): the
     * revocation holds past access_tokens_expire_by for the 30 s of skew, and ends after them.
     */
    @Test
    @Tag("revocation-skew")
    void theRevokedSessionsTableKeepsARevocationForTheSkewPastItsTokensExpiry() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        publishRevocation(sessionId, clock.instant().plusSeconds(60));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertProblem(callWith(sessionId).then(), 401));

        clock.advance(Duration.ofSeconds(60 + 20));
        assertProblem(callWith(sessionId).then(), 401);

        clock.advance(Duration.ofSeconds(15));
        callWith(sessionId).then().statusCode(200);
    }
}
