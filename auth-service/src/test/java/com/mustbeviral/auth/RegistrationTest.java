package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.UserRegistered;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class RegistrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void registersAnAccountAndPublishesUserRegistered() throws Exception {
        String username = uniqueUsername();
        String id = given().contentType(ContentType.JSON).body(account(username + "@example.com", username, "creator"))
                .post("/api/auth/register")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/users/[0-9a-f-]{36}"))
                .body("username", equalTo(username))
                .body("role", equalTo("creator"))
                .body("display_name", equalTo("Ada Writes"))
                .extract().path("id");

        ConsumerRecord<String, String> record = awaitRecord(Topics.AUTH_USERS, id);
        assertEquals(UserRegistered.TYPE, header(record, "ce_type"));
        assertEquals("urn:mustbeviral:auth-service", header(record, "ce_source"));
        assertEquals(id, header(record, "ce_subject"));
        UUID.fromString(header(record, "ce_id"));
        JsonNode payload = json.readTree(record.value());
        // Contract: the producer emits exactly the fields of the shared example payload.
        assertEquals(fields(json.readTree(ExamplePayloads.of(UserRegistered.TYPE))), fields(payload));
        assertEquals(username, payload.get("username").asText());
        assertEquals(id, payload.get("user_id").asText());
    }

    @Test
    void passwordIsStoredAsArgon2idHash() throws Exception {
        String username = uniqueUsername();
        given().contentType(ContentType.JSON).body(account(username + "@example.com", username, "influencer"))
                .post("/api/auth/register").then().statusCode(201);

        String hash = query("SELECT password_hash FROM users WHERE username = '" + username + "'");
        assertEquals(true, hash.startsWith("$argon2id$v=19$m=7168,t=5,p=1$"), hash);
    }

    @Test
    void refusesASecondAccountWithTheSameEmailInOtherCase() throws Exception {
        String username = uniqueUsername();
        given().contentType(ContentType.JSON).body(account(username + "@example.com", username, "creator"))
                .post("/api/auth/register").then().statusCode(201);
        long before = count();

        assertProblem(given().contentType(ContentType.JSON)
                .body(account(username.toUpperCase() + "@EXAMPLE.com", uniqueUsername(), "creator"))
                .post("/api/auth/register").then(), 409);
        assertEquals(before, count());
    }

    @Test
    void refusesASecondAccountWithTheSameUsernameInOtherCase() throws Exception {
        String username = uniqueUsername();
        given().contentType(ContentType.JSON).body(account(username + "@example.com", username, "creator"))
                .post("/api/auth/register").then().statusCode(201);

        assertProblem(given().contentType(ContentType.JSON)
                .body(account(uniqueUsername() + "@example.com", username.toUpperCase(), "creator"))
                .post("/api/auth/register").then(), 409);
    }

    @Test
    void registrationCannotMakeAnAdmin() throws Exception {
        long before = count();
        String username = uniqueUsername();
        assertProblem(given().contentType(ContentType.JSON).body(account(username + "@example.com", username, "admin"))
                .post("/api/auth/register").then(), 403);
        assertEquals(before, count());
    }

    @Test
    void registrationCannotMakeAModerator() throws Exception {
        long before = count();
        String username = uniqueUsername();
        assertProblem(given().contentType(ContentType.JSON).body(account(username + "@example.com", username, "moderator"))
                .post("/api/auth/register").then(), 403);
        assertEquals(before, count());
    }

    @Test
    void unknownRoleIsABadRequest() {
        String username = uniqueUsername();
        assertProblem(given().contentType(ContentType.JSON).body(account(username + "@example.com", username, "superuser"))
                .post("/api/auth/register").then(), 400);
    }

    @Test
    void invalidEmailIsABadRequestNamingTheField() {
        String username = uniqueUsername();
        assertProblem(given().contentType(ContentType.JSON).body(account("not-an-email", username, "creator"))
                .post("/api/auth/register").then(), 400)
                .body("violations[0].field", matchesPattern(".*email"));
    }

    @Test
    void shortPasswordIsABadRequest() {
        String username = uniqueUsername();
        Map<String, Object> body = account(username + "@example.com", username, "creator");
        body.put("password", "short");
        assertProblem(given().contentType(ContentType.JSON).body(body).post("/api/auth/register").then(), 400);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"email\": ").post("/api/auth/register").then(), 400);
    }

    @Test
    void missingBodyIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).post("/api/auth/register").then(), 400);
    }

    @Test
    void nonJsonContentTypeIsUnsupported() {
        assertProblem(given().contentType(ContentType.TEXT).body("email=a@b.c").post("/api/auth/register").then(), 415);
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = "x".repeat(2 * 1024 * 1024);
        assertProblem(given().contentType(ContentType.JSON).body("{\"display_name\":\"" + huge + "\"}")
                .post("/api/auth/register").then(), 413);
    }

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(given().get("/api/auth/no-such-thing").then(), 404);
    }

    @Test
    void wrongMethodIsNotAllowed() {
        assertProblem(given().get("/api/auth/register").then(), 405);
    }

    private static Map<String, Object> account(String email, String username, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("username", username);
        body.put("password", "correct horse battery staple");
        body.put("display_name", "Ada Writes");
        body.put("role", role);
        return body;
    }

    private static String uniqueUsername() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers, "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("No record with key " + key + " on " + topic);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }


    private long count() throws Exception {
        return Long.parseLong(query("SELECT count(*) FROM users"));
    }

    private String query(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
