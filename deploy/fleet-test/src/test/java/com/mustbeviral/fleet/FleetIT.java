package com.mustbeviral.fleet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The six packaged services with real Kafka and Redis, seen from outside through the gateway. */
@ExtendWith(RunningFleet.class)
class FleetIT {

    private static final Fleet FLEET = RunningFleet.FLEET;

    @Test
    void allSixServicesAreReadyThroughTheGateway() throws Exception {
        given().port(Fleet.GATEWAY_MANAGEMENT_PORT).get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(404); // not on the public port
        given().get("/gateway/upstreams").then().statusCode(401);
        given().auth().oauth2(FleetAccounts.adminToken()).get("/gateway/upstreams").then().statusCode(200)
                .body("all_ready", equalTo(true))
                .body("upstreams.name", hasItems("auth", "content", "analytics", "billing", "audit"))
                .body("upstreams.ready", everyItem(equalTo(true)));
    }

    @Test
    void aRegistrationThroughTheGatewayIsAuditedExactlyOnce() throws Exception {
        String userId = FleetAccounts.register().id();

        await().atMost(Duration.ofSeconds(30)).until(() -> auditedEvents(userId) == 1);
        // Give a duplicate delivery time to show up: it must not.
        Thread.sleep(2000);
        assertEquals(1, auditedEvents(userId));
    }

    @Test
    void anEventCommittedWhileTheBrokerIsDownArrivesExactlyOnceAfterItReturns() throws Exception {
        FLEET.stop("kafka");
        String userId;
        try {
            // auth commits the account and its outbox row without Kafka.
            userId = FleetAccounts.register().id();
            assertEquals(1, FLEET.count("auth-service", "auth.db",
                    "SELECT count(*) FROM outbox WHERE subject = ? AND sent_at IS NULL", userId));
        } finally {
            FLEET.start("kafka");
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> auditedEvents(userId) == 1);
        Thread.sleep(2000);
        assertEquals(1, auditedEvents(userId));
    }

    @Test
    void aLoggedOutSessionsAccessTokenIsRefusedByTheGatewayAndByAServiceWithinSeconds() {
        String token = FleetAccounts.login(FleetAccounts.register().username());
        // The gateway verifies the token against auth's JWKS and passes it on.
        given().auth().oauth2(token).get("/api/auth/sessions").then().statusCode(200);
        given().get("/api/auth/sessions").then().statusCode(401);
        // content-service checks the token itself too (zero trust), also when called past the gateway.
        given().port(Fleet.CONTENT_PORT).auth().oauth2(token).get("/api/tags").then().statusCode(200);

        given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);

        // session.revoked travels auth -> Kafka -> gateway -> Redis. content-service answers 404 for this
        // path whatever the token, so a 401 on it can only come from the gateway.
        await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(token).get("/api/content/x")
                .then().extract().statusCode() == 401);
        // ... and auth -> Kafka -> content-service's revoked_sessions, called directly.
        await().atMost(Duration.ofSeconds(15)).until(() -> given().port(Fleet.CONTENT_PORT).auth().oauth2(token)
                .get("/api/tags").then().extract().statusCode() == 401);
    }

    @Test
    void anAccountIsVerifiedAndResetThroughItsMailboxAndTheOldSessionsAreRefused() {
        FleetAccounts.Account account = FleetAccounts.register();
        String name = account.username();
        String email = account.email();
        Map<String, String> old = given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", FleetAccounts.PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().jsonPath().getMap("", String.class, String.class);
        given().auth().oauth2(old.get("access_token")).get("/api/users/me").then().statusCode(200)
                .body("email_verified", equalTo(false));

        // Registration mailed a verification link to the fleet's SMTP sink.
        given().contentType(ContentType.JSON).body(Map.of("token", FleetAccounts.mailedToken(email, 1)))
                .post("/api/auth/verify-email").then().statusCode(204);
        given().auth().oauth2(old.get("access_token")).get("/api/users/me").then().statusCode(200)
                .body("email_verified", equalTo(true));

        given().contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/api/auth/password/forgot").then().statusCode(202);
        given().contentType(ContentType.JSON)
                .body(Map.of("token", FleetAccounts.mailedToken(email, 2), "new_password", "a brand new passphrase"))
                .post("/api/auth/password/reset").then().statusCode(204);

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", old.get("refresh_token")))
                .post("/api/auth/refresh").then().statusCode(401);
        // auth refuses the old access token at once; the gateway once session.revoked reached it
        // (content-service answers 404 on this path whatever the token: a 401 is the gateway's).
        given().auth().oauth2(old.get("access_token")).get("/api/users/me").then().statusCode(401);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(old.get("access_token"))
                .get("/api/content/x").then().extract().statusCode() == 401);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", FleetAccounts.PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "a brand new passphrase"))
                .post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void badInputThroughTheGatewayIsAProblemNotAServerError() {
        given().contentType(ContentType.JSON).body("{\"email\": ").post("/api/auth/register").then()
                .statusCode(400).contentType("application/problem+json");
        given().get("/api/nothing-owns-this").then().statusCode(404).contentType("application/problem+json");
    }

    private static long auditedEvents(String userId) throws Exception {
        return FLEET.count("audit-service", "audit.db", "SELECT count(*) FROM audit_log WHERE subject = ?", userId);
    }
}
