package com.mustbeviral.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Stubs of Google, GitHub and X on the {@link SocialProviderFakes} server, in their real wire
 * formats: Google's discovery document, JWKS and token response with an RS256 ID token; GitHub's
 * token response, {@code /user} and {@code /user/emails}; X's token response and
 * {@code /2/users/me}. Every stub is keyed by a code or token unique to its test, so tests never see
 * each other's stubs.
 */
final class FakeProviders {

    // Immutable, and the same for every test: Google's signing key as the fake publishes it.
    private static final RsaJsonWebKey GOOGLE_KEY = newKey();

    final String base;
    private final WireMock wireMock;

    FakeProviders() {
        base = ConfigProvider.getConfig().getValue("social-fakes.url", String.class);
        URI uri = URI.create(base);
        wireMock = new WireMock(uri.getHost(), uri.getPort());
        wireMock.register(get(urlPathEqualTo("/google/oauth2/v3/certs"))
                .willReturn(okJson(new JsonWebKeySet(GOOGLE_KEY).toJson())));
    }

    String googleIssuer() {
        return base + "/google";
    }

    /** Google's token endpoint answers this code with an ID token carrying these claims. */
    void googleIssues(String code, JwtClaims idToken) {
        googleIssuesRaw(code, sign(idToken));
    }

    /** Google's token endpoint answers this code with this ID token, as it is. */
    void googleIssuesRaw(String code, String idToken) {
        JsonObject answer = new JsonObject().put("access_token", "ya29." + code).put("expires_in", 3599)
                .put("token_type", "Bearer").put("scope", "openid https://www.googleapis.com/auth/userinfo.email")
                .put("id_token", idToken);
        wireMock.register(post(urlPathEqualTo("/google/token")).withRequestBody(containing("code=" + enc(code)))
                .willReturn(okJson(answer.encode())));
    }

    /** The claims of a Google ID token for this login (the nonce comes from the authorize redirect). */
    JwtClaims googleClaims(String subject, String email, boolean emailVerified, String nonce) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(googleIssuer());
        claims.setAudience(SocialProviderFakes.GOOGLE_CLIENT_ID);
        claims.setSubject(subject);
        claims.setClaim("azp", SocialProviderFakes.GOOGLE_CLIENT_ID);
        claims.setClaim("email", email);
        claims.setClaim("email_verified", emailVerified);
        claims.setClaim("name", "Grace Google");
        claims.setClaim("nonce", nonce);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        return claims;
    }

    /** GitHub exchanges this code and answers /user and /user/emails (one primary address) for its token. */
    void githubIssues(String code, long id, String login, String primaryEmail, boolean verified) {
        String token = "gho_" + code;
        wireMock.register(post(urlPathEqualTo("/github/login/oauth/access_token"))
                .withRequestBody(containing("code=" + enc(code)))
                .willReturn(okJson(new JsonObject().put("access_token", token).put("token_type", "bearer")
                        .put("scope", "read:user,user:email").encode())));
        wireMock.register(get(urlPathEqualTo("/github-api/user")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(new JsonObject().put("id", id).put("login", login).put("name", "Octo Cat")
                        .putNull("email").encode())));
        JsonArray emails = new JsonArray()
                .add(new JsonObject().put("email", login + "@users.noreply.github.com").put("primary", false)
                        .put("verified", true).putNull("visibility"))
                .add(new JsonObject().put("email", primaryEmail).put("primary", true).put("verified", verified)
                        .put("visibility", "private"));
        wireMock.register(get(urlPathEqualTo("/github-api/user/emails"))
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(emails.encode())));
    }

    /** X exchanges this code and answers /2/users/me for its token. */
    void xIssues(String code, String id, String username) {
        String token = "x_" + code;
        wireMock.register(post(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("code=" + enc(code)))
                .willReturn(okJson(new JsonObject().put("token_type", "bearer").put("expires_in", 7200)
                        .put("access_token", token).put("scope", "users.read tweet.read").encode())));
        wireMock.register(get(urlPathEqualTo("/x-api/2/users/me")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(new JsonObject().put("data", new JsonObject().put("id", id).put("name", "Xavier X")
                        .put("username", username)).encode())));
    }

    /** X's token endpoint refuses this code, as it does an expired or reused one. */
    void xRefuses(String code) {
        wireMock.register(post(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("code=" + enc(code)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(new JsonObject().put("error", "invalid_request")
                                .put("error_description", "Value passed for the authorization code was invalid.")
                                .encode())));
    }

    /** The token requests that carried this code, at a provider's token endpoint path. */
    List<LoggedRequest> tokenRequests(String path, String code) {
        return wireMock.find(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing("code=" + enc(code))));
    }

    /** The form fields of a logged request. */
    static Map<String, String> form(LoggedRequest request) {
        return decode(request.getBodyAsString());
    }

    /** {@code application/x-www-form-urlencoded} fields, as in a query or a fragment. */
    static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** A numeric provider user id (GitHub's are numbers), unique enough for one test run. */
    static long uniqueId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /** Google's discovery document, as the fake serves it from the start. */
    static void publishGoogleDiscovery(WireMock wireMock, String base) {
        JsonObject discovery = new JsonObject()
                .put("issuer", base + "/google")
                .put("authorization_endpoint", base + "/google/o/oauth2/v2/auth")
                .put("token_endpoint", base + "/google/token")
                .put("userinfo_endpoint", base + "/google/v1/userinfo")
                .put("jwks_uri", base + "/google/oauth2/v3/certs")
                .put("response_types_supported", new JsonArray().add("code").add("id_token"))
                .put("subject_types_supported", new JsonArray().add("public"))
                .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
                .put("code_challenge_methods_supported", new JsonArray().add("plain").add("S256"));
        wireMock.register(get(urlPathEqualTo("/google/.well-known/openid-configuration"))
                .willReturn(okJson(discovery.encode())));
    }

    static String sign(JwtClaims claims) {
        return sign(claims, GOOGLE_KEY);
    }

    static String sign(JwtClaims claims, RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static RsaJsonWebKey newKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("google-fake-" + Long.toHexString(System.nanoTime()));
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
