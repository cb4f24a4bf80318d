package com.mustbeviral.auth;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import de.mkammerer.argon2.Argon2Factory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwa.AlgorithmConstraints;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class LoginTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void loginWithEmailIssuesAnEs256AccessTokenThatVerifiesAgainstTheJwks() throws Exception {
        String username = Accounts.register();
        Response r = Accounts.login("email", username.toUpperCase() + "@Example.com", Accounts.PASSWORD, Accounts.newIp());
        r.then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900))
                .body("refresh_token", notNullValue());

        // A stock JOSE library, given only the JWKS URL, accepts the token.
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class))))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(Issuer.url())
                .setExpectedAudience("mustbeviral-api")
                .setRequireExpirationTime().setRequireSubject()
                .build();
        JwtClaims claims = consumer.processToClaims(r.path("access_token"));
        assertEquals("creator", claims.getStringClaimValue("role"));
        assertEquals("free", claims.getStringClaimValue("plan"));
        assertNotNull(claims.getStringClaimValue("sid"));
        assertNotNull(claims.getJwtId());
        assertEquals(900, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void loginWithUsernameInAnyCaseWorks() {
        String username = Accounts.register();
        Accounts.login("username", username.toUpperCase(), Accounts.PASSWORD, Accounts.newIp()).then().statusCode(200);
    }

    @Test
    void unknownAccountAndWrongPasswordGetTheSameAnswer() {
        String username = Accounts.register();
        Response wrongPassword = Accounts.login("username", username, "not the password", Accounts.newIp());
        Response unknown = Accounts.login("username", Accounts.newUsername(), "not the password", Accounts.newIp());

        assertProblem(wrongPassword.then(), 401);
        assertProblem(unknown.then(), 401);
        assertEquals(wrongPassword.path("title"), (Object) unknown.path("title"));
        assertEquals(wrongPassword.path("detail"), (Object) unknown.path("detail"));
    }

    @Test
    void aHashWithAnOlderCostIsRedoneAtTheNextLogin() throws Exception {
        String username = Accounts.register();
        String older = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id)
                .hash(2, 19456, 1, Accounts.PASSWORD.toCharArray());
        sql("UPDATE users SET password_hash = ? WHERE username = ?", older, username);

        Accounts.login(username);

        String stored = passwordHash(username);
        assertTrue(stored.startsWith("$argon2id$v=19$m=7168,t=5,p=1$"), stored);
        Accounts.login(username);
        assertEquals(stored, passwordHash(username));
    }

    private void sql(String statement, String... values) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private String passwordHash(String username) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    @Test
    void aDeletedUserCannotLogIn() throws Exception {
        String username = Accounts.register();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE users SET deleted_at = 1 WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
        assertProblem(Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then(), 401)
                .body("title", equalTo("Invalid credentials"));
    }

    @Test
    void repeatedFailuresThrottleTheAccountEvenForTheRightPassword() {
        String username = Accounts.register();
        for (int i = 0; i < 5; i++) {
            Accounts.login("username", username, "wrong " + i, Accounts.newIp()).then().statusCode(401);
        }
        Response r = Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp());
        assertProblem(r.then(), 429).header("Retry-After", notNullValue());
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        String username = Accounts.register();
        for (int i = 0; i < 4; i++) {
            Accounts.login("username", username, "wrong " + i, Accounts.newIp()).then().statusCode(401);
        }
        Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            Accounts.login("username", username, "wrong again " + i, Accounts.newIp()).then().statusCode(401);
        }
        // Eight failures in all, but never five since the last success.
        Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then().statusCode(200);
    }

    @Test
    void anUnknownAccountIsThrottledLikeARealOne() {
        String ghost = Accounts.newUsername();
        for (int i = 0; i < 5; i++) {
            Accounts.login("username", ghost, "wrong " + i, Accounts.newIp()).then().statusCode(401);
        }
        assertProblem(Accounts.login("username", ghost, "wrong again", Accounts.newIp()).then(), 429);
    }

    @Test
    void repeatedFailuresFromOneIpThrottleThatIp() {
        String ip = Accounts.newIp();
        for (int i = 0; i < 20; i++) {
            Accounts.login("username", Accounts.newUsername(), "wrong", ip).then().statusCode(401);
        }
        String username = Accounts.register();
        assertProblem(Accounts.login("username", username, Accounts.PASSWORD, ip).then(), 429);
        Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then().statusCode(200);
    }

    @Test
    void bothEmailAndUsernameIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("email", "a@example.com", "username", "a", "password", "x")).post("/api/auth/login").then(), 400);
    }

    @Test
    void missingPasswordIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("username", "someone"))
                .post("/api/auth/login").then(), 400);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"username\":").post("/api/auth/login").then(), 400);
    }

    @Test
    void discoveryNamesTheIssuerAndTheJwks() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(Issuer.url()))
                .body("jwks_uri", equalTo(Issuer.url() + "/.well-known/jwks.json"));
        // Both kinds of key: ES256 for access tokens, RS256 for ID tokens; public halves only.
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.find { it.kty == 'EC' }.alg", equalTo("ES256"))
                .body("keys.find { it.kty == 'EC' }.crv", equalTo("P-256"))
                .body("keys.find { it.kty == 'RSA' }.alg", equalTo("RS256"))
                .body("keys.findAll { it.d != null }", org.hamcrest.Matchers.empty());
    }
}
