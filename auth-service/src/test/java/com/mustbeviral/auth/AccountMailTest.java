package com.mustbeviral.auth;

import static com.mustbeviral.auth.JsonFields.fields;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.EmailVerified;
import com.mustbeviral.contracts.auth.PasswordChanged;
import com.mustbeviral.contracts.auth.SessionRevoked;
import com.mustbeviral.testsupport.ExamplePayloads;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Email verification, "forgot password" and password change, with the mail read back from a real SMTP server. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(SmtpServerResource.class)
class AccountMailTest {

    private static final String NEW_PASSWORD = "a whole new passphrase";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    AuthConfig config;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    // Email verification

    @Test
    void registrationMailsALinkThatVerifiesTheEmailInProfileAndTokens() throws Exception {
        String username = Accounts.register();
        String before = Accounts.login(username).path("access_token");
        assertEquals("false", Tokens.claim(before, "email_verified"));
        given().auth().oauth2(before).get("/api/users/me").then().body("email_verified", equalTo(false));

        Mailbox.Mail mail = Mailbox.await(email(username));
        verify(mail.token()).then().statusCode(204);

        String after = Accounts.login(username).path("access_token");
        assertEquals("true", Tokens.claim(after, "email_verified"));
        given().auth().oauth2(after).get("/api/users/me").then().body("email_verified", equalTo(true));
        String userId = Tokens.claim(after, "sub");
        JsonNode event = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, userId, EmailVerified.TYPE).value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(EmailVerified.TYPE))), fields(event));
        assertEquals("link", event.get("method").asText());
    }

    @Test
    void aVerificationLinkWorksOnce() {
        String username = Accounts.register();
        String token = Mailbox.await(email(username)).token();
        verify(token).then().statusCode(204);

        assertProblem(verify(token).then(), 400).body("type", equalTo("https://mustbeviral.com/problems/invalid-link"));
    }

    @Test
    void anExpiredVerificationLinkIsRefused() {
        String username = Accounts.register();
        String token = Mailbox.await(email(username)).token();
        clock.advance(config.mail().verifyLinkTtl().plusSeconds(1));

        assertProblem(verify(token).then(), 400);

        clock.reset();
        given().auth().oauth2(Accounts.login(username).<String>path("access_token")).get("/api/users/me")
                .then().body("email_verified", equalTo(false));
    }

    @Test
    void anUnknownVerificationTokenIsRefused() {
        assertProblem(verify("not-a-token-we-issued").then(), 400);
    }

    @Test
    void theLinkIsKeptOnlyAsAHash() throws Exception {
        String username = Accounts.register();
        String token = Mailbox.await(email(username)).token();

        List<String> stored = column("SELECT token_hash FROM account_tokens");
        assertTrue(stored.contains(Sha256Hex.of(token)));
        assertFalse(stored.stream().anyMatch(h -> h.contains(token)));
        assertFalse(column("SELECT coalesce(user_id, '') || coalesce(email_index, '') || kind FROM mail_queue").stream().anyMatch(r -> r.contains(token)));
    }

    @Test
    void aResentLinkReplacesTheFirst() {
        String username = Accounts.register();
        String access = Accounts.login(username).path("access_token");
        String first = Mailbox.await(email(username)).token();

        given().auth().oauth2(access).post("/api/auth/verify-email/resend").then().statusCode(202);
        String second = Mailbox.await(email(username), 2).token();

        assertProblem(verify(first).then(), 400);
        verify(second).then().statusCode(204);
    }

    @Test
    void resendingIsLimitedPerAccount() {
        String username = Accounts.register();
        String access = Accounts.login(username).path("access_token");
        // The registration's mail counts: max-per-window in all.
        for (int i = 1; i < config.mail().maxPerWindow(); i++) {
            given().auth().oauth2(access).post("/api/auth/verify-email/resend").then().statusCode(202);
        }

        assertProblem(given().auth().oauth2(access).post("/api/auth/verify-email/resend").then(), 429)
                .header("Retry-After", notNullValue());

        clock.advance(config.mail().sendWindow());
        given().auth().oauth2(access).post("/api/auth/verify-email/resend").then().statusCode(202);
    }

    @Test
    void resendingForAVerifiedEmailIsRefused() {
        String username = Accounts.registerVerified();

        assertProblem(given().auth().oauth2(Accounts.login(username).<String>path("access_token"))
                .post("/api/auth/verify-email/resend").then(), 409);
    }

    @Test
    @Tag("account-takeover")
    void anAccountWhoseEmailIsUnverifiedCannotLetAPartnerActForIt() throws Exception {
        Partners.Client client = Partners.confidential(Partners.adminToken(dataSource), Partners.ALL_SCOPES,
                Partners.ALL_GRANTS);
        String username = Accounts.register();
        Partners.Browser browser = new Partners.Browser();
        Response page = browser.open(Partners.authorizationRequest(client, "openid email", Partners.Pkce.create()));

        Response answer = browser.decide(Partners.requestId(page), "allow", username, Accounts.PASSWORD);

        assertEquals(403, answer.statusCode());
        assertTrue(answer.body().asString().contains("Verify your email address"));
    }

    // Forgot password

    @Test
    void forgotPasswordAnswersTheSameForAnUnknownAddressAndMailsNothing() {
        String unknown = Accounts.newUsername() + "@example.com";
        Response forUnknown = forgot(unknown);
        String username = Accounts.register();
        Response forKnown = forgot(email(username));

        assertEquals(202, forUnknown.statusCode());
        assertEquals(forKnown.statusCode(), forUnknown.statusCode());
        assertEquals(forKnown.body().asString(), forUnknown.body().asString());
        assertEquals(forKnown.contentType(), forUnknown.contentType());
        // One sender sends in queue order: once the later mail arrived, an earlier one would have too.
        Mailbox.await(email(username), 2);
        assertTrue(Mailbox.read(unknown).isEmpty());
    }

    @Test
    void forgotPasswordMailsAnAddressAtMostMaxPerWindowTimesAndStillAnswersTheSame() {
        String username = Accounts.register();
        int max = config.mail().maxPerWindow();
        for (int i = 0; i <= max; i++) {
            forgot(email(username)).then().statusCode(202);
        }
        String marker = Accounts.register();

        // The sender goes in queue order: once the later registration's mail arrived, all earlier ones did.
        Mailbox.await(email(marker));
        assertEquals(1 + max, Mailbox.read(email(username)).size());
    }

    @Test
    void aResetLinkSetsTheNewPasswordEndsEverySessionAndIsAudited() throws Exception {
        String username = Accounts.registerVerified();
        Response first = Accounts.login(username);
        Response second = Accounts.login(username);
        String userId = Tokens.claim(first.path("access_token"), "sub");

        forgot(email(username)).then().statusCode(202);
        reset(Mailbox.await(email(username), 2).token(), NEW_PASSWORD).then().statusCode(204);

        assertProblem(Accounts.login("username", username, Accounts.PASSWORD, Accounts.newIp()).then(), 401);
        Accounts.login("username", username, NEW_PASSWORD, Accounts.newIp()).then().statusCode(200);
        for (Response old : List.of(first, second)) {
            assertProblem(Accounts.refresh(old.path("refresh_token")).then(), 401);
            assertProblem(given().auth().oauth2(old.<String>path("access_token")).get("/api/users/me").then(), 401);
            ConsumerRecord<String, String> revoked = PublishedEvents.await(Topics.AUTH_SESSIONS,
                    Tokens.claim(old.path("access_token"), "sid"), SessionRevoked.TYPE);
            assertEquals("password_reset", json.readTree(revoked.value()).get("reason").asText());
        }
        JsonNode changed = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, userId, PasswordChanged.TYPE).value());
        assertEquals(fields(json.readTree(ExamplePayloads.of(PasswordChanged.TYPE))), fields(changed));
        assertEquals("reset", changed.get("method").asText());
        assertEquals(2, changed.get("sessions_revoked").asInt());
    }

    @Test
    void aResetLinkWorksOnce() {
        String username = Accounts.register();
        forgot(email(username));
        String token = Mailbox.await(email(username), 2).token();
        reset(token, NEW_PASSWORD).then().statusCode(204);

        assertProblem(reset(token, "yet another passphrase").then(), 400);
        Accounts.login("username", username, NEW_PASSWORD, Accounts.newIp()).then().statusCode(200);
    }

    @Test
    void anExpiredResetLinkChangesNothing() {
        String username = Accounts.register();
        forgot(email(username));
        String token = Mailbox.await(email(username), 2).token();
        clock.advance(config.mail().resetLinkTtl().plusSeconds(1));

        assertProblem(reset(token, NEW_PASSWORD).then(), 400);

        clock.reset();
        Accounts.login(username);
    }

    @Test
    void aVerificationLinkDoesNotResetAPassword() {
        String username = Accounts.register();
        String verifyToken = Mailbox.await(email(username)).token();

        assertProblem(reset(verifyToken, NEW_PASSWORD).then(), 400);
        Accounts.login(username);
    }

    @Test
    void aResetProvesTheEmail() {
        String username = Accounts.register();
        forgot(email(username));
        reset(Mailbox.await(email(username), 2).token(), NEW_PASSWORD).then().statusCode(204);

        String access = Accounts.login("username", username, NEW_PASSWORD, Accounts.newIp()).path("access_token");
        assertEquals("true", Tokens.claim(access, "email_verified"));
    }

    @Test
    void aTooShortNewPasswordIsRefusedAndTheLinkStaysUsable() {
        String username = Accounts.register();
        forgot(email(username));
        String token = Mailbox.await(email(username), 2).token();

        assertProblem(reset(token, "short").then(), 400);
        reset(token, NEW_PASSWORD).then().statusCode(204);
    }

    // Password change

    @Test
    void aPasswordChangeEndsTheOtherSessionsOnly() throws Exception {
        String username = Accounts.registerVerified();
        Response other = Accounts.login(username);
        Response current = Accounts.login(username);
        String userId = Tokens.claim(current.path("access_token"), "sub");

        change(current.path("access_token"), Accounts.PASSWORD, NEW_PASSWORD).then().statusCode(200)
                .body("sessions_revoked", equalTo(1));

        assertProblem(Accounts.refresh(other.path("refresh_token")).then(), 401);
        given().auth().oauth2(current.<String>path("access_token")).get("/api/users/me").then().statusCode(200);
        Accounts.refresh(current.path("refresh_token")).then().statusCode(200);
        Accounts.login("username", username, NEW_PASSWORD, Accounts.newIp()).then().statusCode(200);
        JsonNode changed = json.readTree(PublishedEvents.await(Topics.AUTH_USERS, userId, PasswordChanged.TYPE).value());
        assertEquals("change", changed.get("method").asText());
    }

    @Test
    void aPasswordChangeWithTheWrongCurrentPasswordChangesNothing() {
        String username = Accounts.register();
        Response other = Accounts.login(username);
        Response current = Accounts.login(username);

        assertProblem(change(current.path("access_token"), "not my password", NEW_PASSWORD).then(), 403)
                .body("type", equalTo("https://mustbeviral.com/problems/wrong-current-password"));

        Accounts.refresh(other.path("refresh_token")).then().statusCode(200);
        Accounts.login(username);
    }

    @Test
    void aPasswordChangeNeedsASignedInUser() {
        given().contentType(ContentType.JSON)
                .body(Map.of("current_password", Accounts.PASSWORD, "new_password", NEW_PASSWORD))
                .post("/api/users/me/password").then().statusCode(401);
    }

    private static String email(String username) {
        return username + "@example.com";
    }

    private static Response verify(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verify-email");
    }

    private static Response forgot(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/auth/password/forgot");
    }

    private static Response reset(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "new_password", password))
                .post("/api/auth/password/reset");
    }

    private static Response change(String accessToken, String current, String next) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("current_password", current, "new_password", next)).post("/api/users/me/password");
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** SHA-256 in hex, written out here so that the test does not trust the code it checks. */
    static final class Sha256Hex {
        static String of(String value) throws Exception {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        }
    }
}
