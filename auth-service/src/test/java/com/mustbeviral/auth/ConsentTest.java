package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.ConsentChanged;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class ConsentTest {

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private String token;
    private String userId;

    @BeforeEach
    void aLoggedInUser() {
        token = Accounts.login(Accounts.register()).path("access_token");
        userId = Tokens.claim(token, "sub");
    }

    @Test
    void nothingIsGrantedByDefault() {
        me().get("/api/users/me/consents").then().statusCode(200)
                .body("analytics.granted", equalTo(false)).body("analytics.updated_at", nullValue())
                .body("marketing.granted", equalTo(false)).body("marketing.updated_at", nullValue())
                .body("ai_training.granted", equalTo(false)).body("ai_training.updated_at", nullValue());
    }

    @Test
    void grantingAPurposeKeepsItAndPublishesConsentChanged() throws Exception {
        put(Map.of("ai_training", true)).then().statusCode(200)
                .body("ai_training.granted", equalTo(true)).body("ai_training.updated_at", notNullValue());
        me().get("/api/users/me/consents").then()
                .body("ai_training.granted", equalTo(true)).body("ai_training.updated_at", notNullValue());

        JsonNode payload = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, userId, ConsentChanged.TYPE).value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(ConsentChanged.TYPE))), fields(payload));
        assertEquals("ai_training", payload.get("purpose").asText());
        assertEquals(true, payload.get("granted").asBoolean());
    }

    @Test
    void aPartialUpdateLeavesTheOtherPurposesAlone() {
        put(Map.of("analytics", true, "marketing", true)).then().statusCode(200);
        put(Map.of("marketing", false)).then().statusCode(200)
                .body("analytics.granted", equalTo(true))
                .body("marketing.granted", equalTo(false))
                .body("ai_training.granted", equalTo(false));
    }

    @Test
    void eachChangedPurposeIsOneEventAndOneHistoryRowAndAnUnchangedOneIsNeither() throws Exception {
        // analytics changes; marketing is already false.
        put(Map.of("analytics", true, "marketing", false)).then().statusCode(200);
        // Nothing changes.
        put(Map.of("analytics", true)).then().statusCode(200);
        // The marker: ai_training changes.
        put(Map.of("ai_training", true)).then().statusCode(200);

        List<ConsumerRecord<String, String>> changes = EventLog.ofType(EventLog.until(Topics.AUTH_USERS, userId,
                r -> r.value().contains("ai_training")), ConsentChanged.TYPE);
        List<String> purposes = new ArrayList<>();
        for (ConsumerRecord<String, String> r : changes) {
            purposes.add(json.readTree(r.value()).get("purpose").asText());
        }
        assertEquals(List.of("analytics", "ai_training"), purposes);
        assertEquals(List.of("analytics:true:api", "ai_training:true:api"), history());
    }

    @Test
    void withdrawingIsAChangeLikeGranting() throws Exception {
        put(Map.of("marketing", true)).then().statusCode(200);
        put(Map.of("marketing", false)).then().statusCode(200).body("marketing.granted", equalTo(false));
        assertEquals(List.of("marketing:true:api", "marketing:false:api"), history());
    }

    @Test
    void anUnknownPurposeIsABadRequestAndChangesNothing() throws Exception {
        assertProblem(put(Map.of("analytics", true, "location", true)).then(), 400);
        me().get("/api/users/me/consents").then().body("analytics.granted", equalTo(false));
        assertEquals(List.of(), history());
    }

    @Test
    void aConsentGivenAsAStringIsABadRequest() {
        assertProblem(put("{\"analytics\": \"true\"}").then(), 400);
    }

    @Test
    void aConsentGivenAsANumberIsABadRequest() {
        assertProblem(put("{\"analytics\": 1}").then(), 400);
    }

    @Test
    void aNullConsentIsABadRequest() {
        assertProblem(put("{\"analytics\": null}").then(), 400);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(put("{\"analytics\": tru").then(), 400);
    }

    @Test
    void aMissingBodyIsABadRequest() {
        assertProblem(me().contentType(ContentType.JSON).put("/api/users/me/consents").then(), 400);
    }

    @Test
    void consentsNeedAToken() {
        assertProblem(given().get("/api/users/me/consents").then(), 401);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("analytics", true))
                .put("/api/users/me/consents").then(), 401);
    }

    private RequestSpecification me() {
        return given().auth().oauth2(token);
    }

    private Response put(Object body) {
        return me().contentType(ContentType.JSON).body(body).put("/api/users/me/consents");
    }

    private List<String> history() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT purpose, granted, source FROM consent_history WHERE user_id = ? ORDER BY id")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getBoolean(2) + ":" + rs.getString(3));
                }
            }
        }
        return rows;
    }
}
