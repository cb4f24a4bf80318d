package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;

/** Test accounts created through the public API. */
final class Accounts {

    static final String PASSWORD = "correct horse battery staple";

    private Accounts() {
    }

    /** A fresh username, unique per call. */
    static String newUsername() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A fresh client IP, so that per-IP throttling of one test never touches another. */
    static String newIp() {
        UUID u = UUID.randomUUID();
        return "10." + (u.hashCode() & 0x7f) + "." + ((u.hashCode() >> 8) & 0xff) + "." + ((u.hashCode() >> 16) & 0xff);
    }

    /** Registers a creator; returns the username (email is username@example.com). */
    static String register() {
        String username = newUsername();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", username + "@example.com", "username", username, "password", PASSWORD,
                        "display_name", "Test User", "role", "creator"))
                .post("/api/auth/register").then().statusCode(201);
        return username;
    }

    /** Registers a creator and verifies its email through the link mailed to it; returns the username. */
    static String registerVerified() {
        String username = register();
        verify(username);
        return username;
    }

    /** Uses the verification link of the first mail sent to {@code username@example.com}. */
    static void verify(String username) {
        String token = Mailbox.await(username + "@example.com").token();
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verify-email")
                .then().statusCode(204);
    }

    static Response login(String identifierField, String identifier, String password, String ip) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of(identifierField, identifier, "password", password))
                .post("/api/auth/login");
    }

    /** Logs a registered user in with the right password; returns the token response. */
    static Response login(String username) {
        Response r = login("username", username, PASSWORD, newIp());
        r.then().statusCode(200);
        return r;
    }

    static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken)).post("/api/auth/refresh");
    }
}
