package com.mustbeviral.testsupport;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import com.mustbeviral.contracts.auth.SessionRevoked;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every service that verifies access tokens must also do (zero trust): refuse the tokens of a
 * session as soon as {@code auth.sessions} says it was revoked, and only until they would have
 * expired anyway, clock skew included. A service's test extends this (as a {@code @QuarkusTest} with a Kafka broker)
 * and names a path its tokens may call.
 */
public abstract class RevokedSessionsRefused {

    private static final Duration SKEW = Duration.ofSeconds(AccessTokenClaims.CLOCK_SKEW_SECONDS);

    /**
     * The service's clock (test-support's TestClock, at real time between tests): the verifiers it
     * checks (smallrye-jwt, the gateway's Redis markers) judge expiry by real time, so it is never moved here.
     */
    @Inject
    protected Clock clock;

    /** A GET path that answers 200 to {@link #tokenOfSession}'s token. */
    protected abstract String protectedPath();

    /** A token allowed on {@link #protectedPath()}, of session {@code sessionId}. */
    protected abstract TestTokens tokenOfSession(String sessionId);

    @Test
    void refusesTheTokensOfARevokedSessionAndOnlyThose() throws Exception {
        String revoked = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        callWith(revoked).then().statusCode(200);

        publishRevocation(revoked, clock.instant().plus(Duration.ofMinutes(15)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertProblem(callWith(revoked).then(), 401));
        callWith(other).then().statusCode(200);
    }

    @Test
    void forgetsARevocationOnceItsTokensHaveExpiredAndTheClockSkewHasPassed() throws Exception {
        String expired = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        publishRevocation(expired, clock.instant().minus(SKEW).minus(Duration.ofSeconds(1)));
        publishRevocation(marker, clock.instant().plus(Duration.ofMinutes(15)));

        // The later revocation, on the same partition, has arrived: so has the earlier one.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertProblem(callWith(marker).then(), 401));
        callWith(expired).then().statusCode(200);
    }

    /**
     * Issue 13, hole 10: a token is accepted up to the clock skew past its exp, so the revocation
     * must hold that long too. The token here expired 5 s ago: still accepted, and its session's
     * revocation, which says its tokens expired then, must still refuse it.
     */
    @Test
    @Tag("revocation-skew")
    void refusesARevokedSessionsTokenThroughoutTheClockSkewPastItsExpiry() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        Instant exp = clock.instant().minusSeconds(5);
        TestTokens token = tokenOfSession(sessionId).expiresIn(Duration.between(clock.instant(), exp));
        callWith(token).then().statusCode(200); // within the skew: accepted until revoked

        publishRevocation(sessionId, exp);

        // Well within the 25 s the token has left, so the 401 is the revocation's, not the expiry's.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertProblem(callWith(token).then(), 401));
    }

    /** The verifier accepts no more skew than the fleet's, which is what revocations cover. */
    @Test
    @Tag("revocation-skew")
    void refusesATokenExpiredLongerAgoThanTheFleetsClockSkew() {
        TestTokens token = tokenOfSession(UUID.randomUUID().toString()).expiresIn(SKEW.plusSeconds(5).negated());

        assertProblem(callWith(token).then(), 401);
    }

    @Test
    void deadLettersRecordsThatCannotBeRevocationsAndGoesOn() throws Exception {
        String marker = UUID.randomUUID().toString();
        String notJson = "not json " + marker;
        String noSession = "{\"reason\":\"logout\",\"user_id\":\"%s\"}".formatted(marker);
        String noExpiry = "{\"session_id\":\"%s\",\"reason\":\"logout\"}".formatted(UUID.randomUUID());
        publish(notJson);
        publish(noSession);
        publish(noExpiry);
        publishRevocation(marker, clock.instant().plus(Duration.ofMinutes(15)));

        // The revocation after the three unreadable records still takes effect: they stopped nothing.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertProblem(callWith(marker).then(), 401));
        // And neither is lost: each waits in the dead-letter topic, with why.
        for (String unreadable : new String[] { notJson, noSession, noExpiry }) {
            var letter = DeadLetterTopic.awaitLetter(Topics.AUTH_SESSIONS, DeadLetterTopic.withValue(unreadable));
            assertEquals(Optional.of(Topics.AUTH_SESSIONS), DeadLetterTopic.header(letter, "dead-letter-topic"));
            assertTrue(DeadLetterTopic.header(letter, "dead-letter-reason").isPresent());
            assertEquals(Optional.of(SessionRevoked.TYPE), DeadLetterTopic.header(letter, "ce_type"));
        }
    }

    /** A call of {@link #protectedPath()} with a token of {@code sessionId}. */
    protected Response callWith(String sessionId) {
        return callWith(tokenOfSession(sessionId));
    }

    private Response callWith(TestTokens token) {
        return given().header("Authorization", token.asBearer()).get(protectedPath());
    }

    /** Publishes a {@code session.revoked} of {@code sessionId} whose tokens expire by {@code tokensExpireBy}. */
    protected void publishRevocation(String sessionId, Instant tokensExpireBy) throws Exception {
        publish("""
                {"session_id":"%s","user_id":"%s","reason":"logout","revoked_at":"%s","access_tokens_expire_by":"%s"}"""
                .formatted(sessionId, UUID.randomUUID(), clock.instant(), tokensExpireBy));
    }

    /** A {@code session.revoked} record with this payload, readable or not. */
    private static void publish(String payload) throws Exception {
        // One key for all: every revocation lands on the same partition, in order.
        CloudEventRecords.send(CloudEventRecords.of(Topics.AUTH_SESSIONS, SessionRevoked.TYPE, "revocations", payload));
    }
}
