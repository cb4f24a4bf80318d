package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;

import com.mustbeviral.auth.social.rest.StateCookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.Map;

/** A browser going through a social login: to the provider and back, never following redirects itself. */
final class Browser {

    static final String APP_CALLBACK = "https://app.test/auth/callback";
    static final String APP_SETTINGS = "https://app.test/settings/linked-accounts";

    /** A login started at auth: where the provider was asked to authorize, and the browser's cookie. */
    record Started(URI providerUrl, Map<String, String> providerQuery, String cookie) {
        String state() {
            return providerQuery.get("state");
        }
    }

    private Browser() {
    }

    static Response authorize(String provider, String redirectUri, Map<String, String> extra) {
        RequestSpecification request = given().redirects().follow(false);
        if (redirectUri != null) {
            request.queryParam("redirect_uri", redirectUri);
        }
        extra.forEach(request::queryParam);
        return request.get("/api/auth/oauth/" + provider + "/authorize");
    }

    /** Starts a login that returns to the app's callback, fragment mode, with the app's state "app-state". */
    static Started start(String provider) {
        return start(provider, Map.of("state", "app-state"));
    }

    static Started start(String provider, Map<String, String> extra) {
        Response response = authorize(provider, APP_CALLBACK, extra);
        response.then().statusCode(302);
        return started(response.header("Location"), response.cookie(StateCookie.NAME));
    }

    static Started started(String providerUrl, String cookie) {
        URI url = URI.create(providerUrl);
        return new Started(url, FakeProviders.decode(url.getRawQuery()), cookie);
    }

    /** The provider sends the browser back with a code. */
    static Response returnWithCode(String provider, Started started, String code) {
        return callback(provider, started.cookie(), Map.of("code", code, "state", started.state()));
    }

    static Response callback(String provider, String cookie, Map<String, String> query) {
        RequestSpecification request = given().redirects().follow(false);
        if (cookie != null) {
            request.cookie(StateCookie.NAME, cookie);
        }
        query.forEach(request::queryParam);
        return request.get("/api/auth/oauth/" + provider + "/callback");
    }

    /** The fields in the fragment of a redirect to the app. */
    static Map<String, String> fragment(Response redirect) {
        URI location = URI.create(redirect.header("Location"));
        return FakeProviders.decode(location.getRawFragment());
    }

    /** Where a redirect goes, without its fragment. */
    static String target(Response redirect) {
        String location = redirect.header("Location");
        int hash = location.indexOf('#');
        return hash < 0 ? location : location.substring(0, hash);
    }
}
