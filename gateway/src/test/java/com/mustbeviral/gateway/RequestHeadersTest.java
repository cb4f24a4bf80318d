package com.mustbeviral.gateway;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.RedisServerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(RedisServerResource.class)
@WithTestResource(FakeUpstreams.class)
class RequestHeadersTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void generatesARequestIdWhenTheClientSendsNone() {
        Response response = Calls.asUser().get("/api/content/1");

        response.then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
        response.then().body("headers.'x-request-id'", equalTo(response.header("X-Request-Id")));
    }

    @Test
    void keepsASaneRequestIdFromTheClient() {
        Calls.asUser().header("X-Request-Id", "client-42.retry_1")
                .get("/api/content/1")
                .then()
                .header("X-Request-Id", "client-42.retry_1")
                .body("headers.'x-request-id'", equalTo("client-42.retry_1"));
    }

    @Test
    void replacesARequestIdLongerThan128Characters() {
        Calls.asUser().header("X-Request-Id", "a".repeat(129))
                .get("/api/content/1")
                .then()
                .header("X-Request-Id", matchesPattern(UUID))
                .body("headers.'x-request-id'", matchesPattern(UUID));
    }

    @Test
    void replacesARequestIdWithCharactersOutsideTheToken() {
        Calls.asUser().header("X-Request-Id", "abc;rm -rf")
                .get("/api/content/1")
                .then()
                .header("X-Request-Id", matchesPattern(UUID))
                .body("headers.'x-request-id'", matchesPattern(UUID));
    }

    @Test
    void replacesARequestIdSentTwice() {
        Calls.asUser().header("X-Request-Id", "first").header("X-Request-Id", "second")
                .get("/api/content/1")
                .then()
                .header("X-Request-Id", matchesPattern(UUID))
                .body("headers.'x-request-id'", matchesPattern(UUID));
    }

    @Test
    void returnsTheRequestIdOnceEvenWhenTheUpstreamEchoesIt() {
        Response response = Calls.asUser().header("X-Request-Id", "once").get("/api/content/1");
        assertEquals(1, response.headers().getValues("X-Request-Id").size());
    }

    @Test
    void returnsTheRequestIdOnTheGatewaysOwnAnswers() {
        assertProblem(Calls.asUser().header("X-Request-Id", "own-404").get("/nowhere").then(), 404)
                .header("X-Request-Id", "own-404");
    }

    @Test
    void passesTraceContextThroughUntouched() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String tracestate = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
        Calls.asUser().header("traceparent", traceparent).header("tracestate", tracestate)
                .get("/api/analytics/overview")
                .then()
                .body("headers.traceparent", equalTo(traceparent))
                .body("headers.tracestate", equalTo(tracestate));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-User-Id", "X-User-Role", "X-User-Plan", "X-Session-Id", "X-Client-Id", "X-Scopes"})
    void stripsAnIdentityHeaderAClientCouldForge(String header) {
        // A public route without a token: nothing may reach the upstream under these names.
        given().header(header, "forged")
                .post("/api/events")
                .then()
                .statusCode(200)
                .body("headers.'" + header.toLowerCase() + "'", nullValue());
    }

    @Test
    void replacesForgedIdentityWithTheVerifiedTokensAndStillPassesTheToken() {
        TestTokens token = TestTokens.user().claim("role", "influencer").claim("plan", "pro");
        String bearer = token.asBearer();
        given().header("Authorization", bearer)
                .header("X-User-Id", "forged").header("X-User-Role", "admin").header("X-User-Plan", "business")
                .header("X-Session-Id", "forged").header("X-Client-Id", "forged").header("X-Scopes", "content:write")
                .get("/api/billing/subscription")
                .then()
                .statusCode(200)
                .body("headers.'x-user-id'", equalTo(token.claimValue("sub")))
                .body("headers.'x-user-role'", equalTo("influencer"))
                .body("headers.'x-user-plan'", equalTo("pro"))
                .body("headers.'x-session-id'", equalTo(token.claimValue("sid")))
                .body("headers.'x-client-id'", nullValue())
                .body("headers.'x-scopes'", nullValue())
                .body("headers.authorization", equalTo(bearer));
    }

    @Test
    void tellsTheUpstreamWhoCalledAndHow() {
        Calls.asUser().get("/api/privacy/requests/1").then()
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-proto'", equalTo("http"))
                .body("headers.'x-forwarded-host'", equalTo("localhost:" + RestAssured.port));
    }

    @Test
    void passesOnTheClientAddressATrustedProxyInFrontSaw() {
        // The test profile trusts 127.0.0.1, which stands for a load balancer here.
        Calls.asUser().header("X-Forwarded-For", "203.0.113.7")
                .get("/api/privacy/requests/1")
                .then()
                .body("headers.'x-forwarded-for'", equalTo("203.0.113.7"));
    }

    @Test
    @Tag("attack")
    void passesOnOnlyTheAddressItComputedNeverTheClientsOwnEntries() {
        // Quarkus believes the leftmost X-Forwarded-For entry: a chain the client started must not reach
        // a service, only the one address the gateway found (the first untrusted hop from the right).
        Calls.asUser().header("X-Forwarded-For", "6.6.6.6, 203.0.113.7")
                .get("/api/privacy/requests/1")
                .then()
                .body("headers.'x-forwarded-for'", equalTo("203.0.113.7"));
    }

    @Test
    @Tag("attack")
    void dropsEveryOtherForwardingHeaderTheClientSent() {
        Calls.asUser().header("Forwarded", "for=6.6.6.6;proto=https").header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Prefix", "/admin").header("X-Forwarded-Server", "evil")
                .header("X-Forwarded-Ssl", "on").header("X-Real-IP", "6.6.6.6")
                .get("/api/privacy/requests/1")
                .then()
                .body("headers.forwarded", nullValue())
                .body("headers.'x-forwarded-port'", nullValue())
                .body("headers.'x-forwarded-prefix'", nullValue())
                .body("headers.'x-forwarded-server'", nullValue())
                .body("headers.'x-forwarded-ssl'", nullValue())
                .body("headers.'x-real-ip'", nullValue())
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"));
    }

    @Test
    void takesTheSchemeFromTheTrustedProxyThatTerminatedTls() {
        Calls.asUser().header("X-Forwarded-Proto", "https")
                .get("/api/privacy/requests/1")
                .then()
                .body("headers.'x-forwarded-proto'", equalTo("https"));
    }

    @Test
    void replacesAForwardedHostTheClientMadeUp() {
        Calls.asUser().header("X-Forwarded-Host", "evil.example")
                .get("/api/privacy/requests/1")
                .then()
                .body("headers.'x-forwarded-host'", equalTo("localhost:" + RestAssured.port));
    }

    @Test
    void dropsHeadersTheClientNamesInConnection() {
        Calls.asUser().header("Connection", "X-Hop-Secret").header("X-Hop-Secret", "1").header("X-Kept", "1")
                .get("/api/auth/login")
                .then()
                .body("headers.'x-hop-secret'", nullValue())
                .body("headers.'x-kept'", equalTo("1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer"})
    void keepsAHopByHopRequestHeaderFromTheUpstream(String header) {
        Calls.asUser().header(header, "trailers")
                .get("/api/auth/login")
                .then()
                .statusCode(200)
                .body("headers.'" + header.toLowerCase() + "'", nullValue())
                .body("headers.'x-forwarded-proto'", equalTo("http"));
    }

    @Test
    void dropsEveryHeaderOfAConnectionListButTheRequestId() {
        Calls.asUser().header("Connection", "X-Hop-One, X-Hop-Two,X-Request-Id")
                .header("X-Hop-One", "1").header("X-Hop-Two", "2").header("X-Request-Id", "listed-1")
                .get("/api/auth/login")
                .then()
                .body("headers.'x-hop-one'", nullValue())
                .body("headers.'x-hop-two'", nullValue())
                .body("headers.'x-request-id'", equalTo("listed-1"));
    }

    @Test
    void dropsHopByHopHeadersFromTheUpstreamsResponse() {
        Calls.asUser().get("/api/auth/login?hop=1").then()
                .statusCode(200)
                .header("X-Upstream-Private", nullValue())
                .header("Keep-Alive", nullValue())
                .header("Connection", not(equalTo("X-Upstream-Private")));
    }
}
