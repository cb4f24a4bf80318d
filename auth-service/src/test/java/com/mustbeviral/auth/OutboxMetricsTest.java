package com.mustbeviral.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The platform's outbox relay reports what waits and how long publishing took, on /q/metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
class OutboxMetricsTest {

    @Test
    void aPublishedEventIsTimedAndNothingIsLeftWaiting() {
        double publishedBefore = metric("outbox_publish_latency_seconds_count");
        Accounts.register(); // user.registered through the outbox

        await().atMost(Duration.ofSeconds(20)).until(() -> metric("outbox_publish_latency_seconds_count") > publishedBefore);
        await().atMost(Duration.ofSeconds(20)).until(() -> metric("outbox_unsent_events") == 0.0);
        assertEquals(0.0, metric("outbox_oldest_unsent_age_seconds"));
    }

    private static double metric(String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
        if (!m.find()) {
            throw new AssertionError(name + " is not among the metrics");
        }
        return Double.parseDouble(m.group(1));
    }
}
