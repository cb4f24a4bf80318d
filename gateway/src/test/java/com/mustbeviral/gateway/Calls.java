package com.mustbeviral.gateway;

import static io.restassured.RestAssured.given;

import com.mustbeviral.testsupport.TestTokens;
import io.restassured.specification.RequestSpecification;

/** Requests to the gateway as a signed-in user (a fresh one each time, so each has its own rate-limit bucket). */
final class Calls {

    private Calls() {
    }

    static RequestSpecification asUser() {
        return given().header("Authorization", TestTokens.bearer());
    }

    /** As an admin (role claim {@code admin}), a fresh one each time. */
    static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.user().claim("role", "admin").asBearer());
    }
}
