package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.platform.events.UndecodableEvent;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.DeadLetterTopic;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RevokedSessionsRefused;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * session.revoked from auth.sessions, through a real broker, into Redis, and refused at the door:
 * the checks every token verifier runs (RevokedSessionsRefused, dead letters included), and the
 * gateway's own (the contract's example payload, the Redis marker and its lifetime).
 */
@QuarkusTest
// RedisFallbackTest's resources exactly (Redis is never stopped here): both classes run on one
// application and one broker instead of starting a broker each.
@WithTestResource(StoppableRedis.class)
@WithTestResource(FakeUpstreams.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(EventChannelsOn.class)
class SessionRevocationTest extends RevokedSessionsRefused {

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Override
    protected String protectedPath() {
        return "/api/content/1"; // the fake content service answers 200 to any admitted request
    }

    @Override
    protected TestTokens tokenOfSession(String sessionId) {
        return TestTokens.user().claim("sid", sessionId);
    }

    @Test
    void refusesTokensOfARevokedSessionWith401() throws Exception {
        TestTokens token = TestTokens.user();
        String bearer = token.asBearer();
        given().header("Authorization", bearer).get("/api/content/1").then().statusCode(200);

        publish(revocation(token.claimValue("sid"), Instant.now().plusSeconds(900)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertProblem(given().header("Authorization", bearer).get("/api/content/1").then(), 401)
                        .body("detail", equalTo("The session of this access token was revoked")));
    }

    @Test
    @Tag("revocation-skew")
    void keepsTheMarkerOnlyUntilTheSessionsTokensExpirePlusTheClockSkew() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        publish(revocation(sessionId, Instant.now().plusSeconds(600)));

        await().atMost(Duration.ofSeconds(30)).until(() -> redis.key().exists("gateway:revoked:" + sessionId));
        long ttl = redis.key().pttl("gateway:revoked:" + sessionId);
        // Until access_tokens_expire_by plus the clock skew the verifier accepts past a token's exp.
        assertTrue(ttl > 620_000 && ttl <= 630_000, "marker lives until access_tokens_expire_by + 30 s, ttl " + ttl + " ms");
    }

    @Test
    void handlesTheSameRevocationDeliveredTwice() throws Exception {
        TestTokens token = TestTokens.user();
        ProducerRecord<String, String> record = revocation(token.claimValue("sid"), Instant.now().plusSeconds(900));
        publish(record);
        publish(revocation(token.claimValue("sid"), Instant.now().plusSeconds(900), new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
        // A later revocation on the same key proves both copies were consumed.
        TestTokens later = TestTokens.user().claim("sub", token.claimValue("sub"));
        publish(revocation(later.claimValue("sid"), Instant.now().plusSeconds(900)));

        await().atMost(Duration.ofSeconds(30)).until(() -> redis.key().exists("gateway:revoked:" + later.claimValue("sid")));
        assertProblem(given().header("Authorization", token.asBearer()).get("/api/content/1").then(), 401);
    }

    @Test
    void keepsOtherSessionsOfTheUserWorking() throws Exception {
        TestTokens revoked = TestTokens.user();
        TestTokens sameUserOtherDevice = TestTokens.user().claim("sub", revoked.claimValue("sub"));
        publish(revocation(revoked.claimValue("sid"), Instant.now().plusSeconds(900)));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().header("Authorization", revoked.asBearer()).get("/api/content/1").statusCode() == 401);
        given().header("Authorization", sameUserOtherDevice.asBearer()).get("/api/content/1").then().statusCode(200);
    }

    @Test
    void ignoresARevocationWhoseTokensHaveAllExpired() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        publish(revocation(sessionId, Instant.now().minusSeconds(60)));
        publish(revocation(marker, Instant.now().plusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).until(() -> redis.key().exists("gateway:revoked:" + marker));
        assertTrue(!redis.key().exists("gateway:revoked:" + sessionId), "nothing to refuse any more, nothing stored");
    }

    @Test
    void deadLettersARevocationWithoutAnExpiryAndLearnsTheNextOne() throws Exception {
        String withoutExpiry = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        ObjectNode payload = examplePayload(withoutExpiry);
        payload.remove("access_tokens_expire_by");
        ProducerRecord<String, String> unreadable = record(withoutExpiry, payload, UUID.randomUUID().toString());
        publish(unreadable);
        publish(revocation(marker, Instant.now().plusSeconds(900)));

        // The revocation behind it, on the same partition, is learnt: the unreadable one stopped nothing.
        await().atMost(Duration.ofSeconds(30)).until(() -> redis.key().exists("gateway:revoked:" + marker));
        ConsumerRecord<String, String> letter = DeadLetterTopic.awaitLetter(Topics.AUTH_SESSIONS,
                DeadLetterTopic.withValue(unreadable.value()));
        assertEquals(Optional.of(UndecodableEvent.class.getName()), DeadLetterTopic.header(letter, "dead-letter-cause"));
        assertFalse(redis.key().exists("gateway:revoked:" + withoutExpiry));
    }

    private ProducerRecord<String, String> revocation(String sessionId, Instant tokensExpireBy) throws Exception {
        return revocation(sessionId, tokensExpireBy, UUID.randomUUID().toString());
    }

    /** The contract's example payload, for another session and expiry; keyed by its user, as auth does. */
    private ProducerRecord<String, String> revocation(String sessionId, Instant tokensExpireBy, String eventId) throws Exception {
        ObjectNode payload = examplePayload(sessionId);
        payload.put("access_tokens_expire_by", tokensExpireBy.toString());
        return record(sessionId, payload, eventId);
    }

    private ObjectNode examplePayload(String sessionId) throws Exception {
        ObjectNode payload = (ObjectNode) json.readTree(ExamplePayloads.of(SessionRevoked.TYPE));
        payload.put("session_id", sessionId);
        return payload;
    }

    private ProducerRecord<String, String> record(String sessionId, ObjectNode payload, String eventId) throws Exception {
        return CloudEventRecords.of(CloudEventRecords.AUTH_SERVICE, Topics.AUTH_SESSIONS, payload.get("user_id").asText(),
                eventId, SessionRevoked.TYPE, sessionId, json.writeValueAsString(payload));
    }

    private void publish(ProducerRecord<String, String> record) throws Exception {
        CloudEventRecords.send(record);
    }
}
