package com.mustbeviral.auth;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads claims and header fields of a JWT without verifying it (the tests verify elsewhere). */
final class Tokens {

    private Tokens() {
    }

    static String claim(String jwt, String name) {
        return part(jwt, 1).getString(name);
    }

    static String header(String jwt, String name) {
        return part(jwt, 0).getString(name);
    }

    private static JsonObject part(String jwt, int index) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }
}
