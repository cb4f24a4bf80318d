package com.mustbeviral.fleet;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Accounts made through the gateway's public API, as the apps make them. */
final class FleetAccounts {

    /** The fleet's issuer: the gateway's address, as fleet.sh configures auth-service and the verifiers. */
    static final String ISSUER = "http://localhost:" + Fleet.GATEWAY_PORT;

    static final String PASSWORD = "correct horse battery";

    record Account(String id, String username, String email) {
    }

    private FleetAccounts() {
    }

    static Account register() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = name + "@example.com";
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "username", name, "password", PASSWORD, "display_name", "Fleet Test",
                        "role", "creator"))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");
        return new Account(id, name, email);
    }

    /** A creator whose email is proven (partner consent needs it). */
    static Account verifiedCreator() {
        return register();
    }

    static String login(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    static String adminToken() throws Exception {
        Account admin = register();
        RunningFleet.FLEET.makeAdmin(admin.username());
        return login(admin.username());
    }
}
