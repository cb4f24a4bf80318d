package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A browser going through a social login: to the provider and back, never following redirects itself,
 * keeping the cookies auth sets (ours, {@code mbv_social_login}, and quarkus-oidc's state cookie).
 */
final class Browser {

    static final String APP_CALLBACK = "https://app.test/auth/callback";
    static final String APP_SETTINGS = "https://app.test/settings/linked-accounts";

    /** A login started at auth: where the provider was asked to authorize, and the browser's cookies. */
    record Started(URI providerUrl, Map<String, String> providerQuery, Map<String, String> cookies) {
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
        return started(response, Map.of());
    }

    /** Continues a link started through the API: the browser opens the authorization_url with the cookie it got. */
    static Started continueLink(Response linkStarted) {
        Map<String, String> cookies = new HashMap<>(linkStarted.cookies());
        Response response = given().redirects().follow(false).cookies(cookies)
                .get(URI.create(linkStarted.<String>path("authorization_url")).getPath());
        response.then().statusCode(302);
        return started(response, cookies);
    }

    private static Started started(Response redirect, Map<String, String> earlier) {
        URI url = URI.create(redirect.header("Location"));
        Map<String, String> cookies = new HashMap<>(earlier);
        cookies.putAll(redirect.cookies());
        return new Started(url, FakeProviders.decode(url.getRawQuery()), Map.copyOf(cookies));
    }

    /** The provider sends the browser back with a code. */
    static Response returnWithCode(String provider, Started started, String code) {
        return callback(provider, started.cookies(), Map.of("code", code, "state", started.state()));
    }

    static Response callback(String provider, Map<String, String> cookies, Map<String, String> query) {
        RequestSpecification request = given().redirects().follow(false).cookies(cookies);
        query.forEach(request::queryParam);
        return request.get("/api/auth/oauth/" + provider + "/callback");
    }

    /** Follows one redirect within auth (quarkus-oidc's to its error path), with the browser's cookies. */
    static Response follow(Response redirect, Map<String, String> cookies) {
        URI location = URI.create(redirect.header("Location"));
        return given().redirects().follow(false).cookies(cookies)
                .get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
    }

    /** The fields in the fragment of a redirect to the app. */
    static Map<String, String> fragment(Response redirect) {
        URI location = URI.create(redirect.header("Location"));
        return FakeProviders.decode(location.getRawFragment());
    }

    /** The app exchanges the one-time code of its redirect's fragment for our tokens. */
    static Response exchange(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/auth/oauth/token");
    }

    /** The tokens the app gets for the redirect it received: its code exchanged (must succeed). */
    static Map<String, String> tokens(Response redirect) {
        Response tokens = exchange(fragment(redirect).get("code"));
        tokens.then().statusCode(200);
        return Map.of("access_token", tokens.path("access_token"), "refresh_token", tokens.path("refresh_token"),
                "token_type", tokens.path("token_type"));
    }

    /** Where a redirect goes, without its fragment. */
    static String target(Response redirect) {
        String location = redirect.header("Location");
        int hash = location.indexOf('#');
        return hash < 0 ? location : location.substring(0, hash);
    }
}
