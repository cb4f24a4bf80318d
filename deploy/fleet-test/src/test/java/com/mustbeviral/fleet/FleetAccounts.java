package com.mustbeviral.fleet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Accounts made through the gateway's public API and the fleet's mailbox, as people make them. */
final class FleetAccounts {

    /** The fleet's issuer: the gateway's address, as fleet.sh configures auth-service and the verifiers. */
    static final String ISSUER = "http://localhost:" + Fleet.GATEWAY_PORT;

    static final String PASSWORD = "correct horse battery";

    private static final Pattern MAILED_TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]+)");

    /** The bootstrap admin's own password, once its first login has replaced the generated one. */
    private static String adminPassword;

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

    /** A creator whose email is proven through the link mailed at registration (partner consent needs it). */
    static Account verifiedCreator() {
        Account account = register();
        given().contentType(ContentType.JSON).body(Map.of("token", mailedToken(account.email(), 1)))
                .post("/api/auth/verify-email").then().statusCode(204);
        return account;
    }

    static String login(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    /**
     * The bootstrap admin's token. Its first login must replace the password fleet.sh generated
     * (403 password-change-required until then); later logins use the new one.
     */
    static synchronized String adminToken() throws Exception {
        Map<String, String> admin = RunningFleet.FLEET.bootstrapAdmin();
        if (adminPassword == null) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", admin.get("username"), "password", admin.get("password")))
                    .post("/api/auth/login").then().statusCode(403)
                    .body("type", equalTo("https://mustbeviral.com/problems/password-change-required"));
            String chosen = "fleet admin " + UUID.randomUUID();
            String token = given().contentType(ContentType.JSON)
                    .body(Map.of("username", admin.get("username"), "password", admin.get("password"),
                            "new_password", chosen))
                    .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
            adminPassword = chosen;
            return token;
        }
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", admin.get("username"), "password", adminPassword))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    /** The token of the newest link mailed to {@code address}, once it holds {@code count} mails. */
    static String mailedToken(String address, int count) {
        List<String> mails = await().atMost(Duration.ofSeconds(30))
                .until(() -> RunningFleet.FLEET.mailTo(address), m -> m.size() >= count);
        Matcher link = MAILED_TOKEN.matcher(mails.get(count - 1));
        if (!link.find()) {
            throw new AssertionError("no link in mail " + count + " to " + address);
        }
        return link.group(1);
    }
}
