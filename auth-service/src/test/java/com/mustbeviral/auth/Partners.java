package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Partner clients, PKCE pairs and a browser that walks the consent page, for the OAuth2 provider's tests. */
final class Partners {

    static final String REDIRECT_URI = "https://partner.example/callback";
    static final List<String> ALL_GRANTS = List.of("authorization_code", "refresh_token", "client_credentials");
    static final List<String> ALL_SCOPES = List.of("content:read", "content:write", "analytics:read", "openid", "profile",
            "email", "offline_access");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern REQUEST_FIELD = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");

    private Partners() {
    }

    /** A registered client; {@code secret} is null for a public one. */
    record Client(String id, String secret) {
    }

    /** A PKCE verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return new Pkce(verifier, s256(verifier));
        }
    }

    /** An admin's access token: a fresh user, promoted in the database (admins are made by admins), logged in. */
    static String adminToken(AgroalDataSource dataSource) {
        String username = Accounts.register();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE users SET role = 'admin' WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Accounts.login(username).path("access_token");
    }

    static Map<String, Object> clientBody(List<String> scopes, List<String> grants, boolean publicClient) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Acme Scheduler");
        body.put("redirect_uris", List.of(REDIRECT_URI));
        body.put("scopes", scopes);
        body.put("grant_types", grants);
        body.put("public_client", publicClient);
        return body;
    }

    static Response register(String adminToken, Map<String, Object> body) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body).post("/api/admin/oauth-clients");
    }

    static Client confidential(String adminToken, List<String> scopes, List<String> grants) {
        Response r = register(adminToken, clientBody(scopes, grants, false));
        r.then().statusCode(201);
        return new Client(r.path("client_id"), r.path("client_secret"));
    }

    static Client publicClient(String adminToken, List<String> scopes) {
        Response r = register(adminToken, clientBody(scopes, List.of("authorization_code", "refresh_token"), true));
        r.then().statusCode(201);
        return new Client(r.path("client_id"), null);
    }

    /** A token request, the client authenticated with client_secret_basic (or by client_id alone when public). */
    static Response token(Client client, Map<String, String> form) {
        var request = given().redirects().follow(false).contentType(ContentType.URLENC).formParams(form);
        if (client.secret() != null) {
            request.auth().preemptive().basic(client.id(), client.secret());
        } else {
            request.formParam("client_id", client.id());
        }
        return request.post("/oauth2/token");
    }

    static Response redeem(Client client, String code, Pkce pkce) {
        return token(client, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "code_verifier", pkce.verifier()));
    }

    /** The parameters of a sound authorization request; tests change one of them. */
    static Map<String, String> authorizationRequest(Client client, String scope, Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", client.id());
        p.put("redirect_uri", REDIRECT_URI);
        p.put("scope", scope);
        p.put("state", "state-" + RANDOM.nextInt(1_000_000));
        p.put("nonce", "nonce-" + RANDOM.nextInt(1_000_000));
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return p;
    }

    /** The whole browser part for a registered user: consent page, login, Allow; returns the code. */
    static String authorize(Client client, String username, String scope, Pkce pkce) {
        Map<String, String> request = authorizationRequest(client, scope, pkce);
        Browser browser = new Browser();
        Response page = browser.open(request);
        page.then().statusCode(200);
        Response answer = browser.decide(requestId(page), "allow", username, Accounts.PASSWORD);
        answer.then().statusCode(303);
        Map<String, String> back = query(answer.header("Location"));
        if (!request.get("state").equals(back.get("state"))) {
            throw new AssertionError("state not echoed: " + answer.header("Location"));
        }
        return back.get("code");
    }

    /** A browser: keeps the consent page's cookie between the page and the decision. */
    static final class Browser {
        String cookie;
        final String ip = Accounts.newIp();

        Response open(Map<String, String> params) {
            var request = given().redirects().follow(false).queryParams(params);
            if (cookie != null) {
                request.cookie(AuthorizeCookie.NAME, cookie);
            }
            Response r = request.get("/oauth2/authorize");
            if (r.getCookie(AuthorizeCookie.NAME) != null) {
                cookie = r.getCookie(AuthorizeCookie.NAME);
            }
            return r;
        }

        Response decide(String requestId, String decision, String login, String password) {
            var request = given().redirects().follow(false).contentType(ContentType.URLENC).header("X-Forwarded-For", ip)
                    .formParam("decision", decision);
            if (requestId != null) {
                request.formParam("request", requestId);
            }
            if (login != null) {
                request.formParam("login", login).formParam("password", password);
            }
            if (cookie != null) {
                request.cookie(AuthorizeCookie.NAME, cookie);
            }
            return request.post("/oauth2/authorize/decision");
        }
    }

    /** The name of the consent page's browser cookie. */
    static final class AuthorizeCookie {
        static final String NAME = "mbv_oauth2_browser";
    }

    static String requestId(Response consentPage) {
        Matcher m = REQUEST_FIELD.matcher(consentPage.asString());
        if (!m.find()) {
            throw new AssertionError("No request field in the consent page: " + consentPage.asString());
        }
        return m.group(1);
    }

    /** The query parameters of a redirect Location. */
    static Map<String, String> query(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String s256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
