package com.mustbeviral.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mustbeviral.billing.service.Period;
import com.mustbeviral.billing.service.StripeMeterReporter;
import com.mustbeviral.billing.service.StripeMeterReporter.Round;
import com.mustbeviral.testsupport.CloudEventRecords;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Booked usage reaches Stripe as billing meter events (Stripe mode, WireMock speaking Stripe's API): the
 * request Stripe would see, resends after Stripe's failures, and never a second meter event for one
 * usage event. The scheduler's rounds are an hour apart here; each test runs its rounds itself.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = StripeWireMock.class, restrictToAnnotatedClass = true)
class StripeMeterEventsTest {

    private static final String METER_EVENTS = "/v1/billing/meter_events";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    StripeMeterReporter reporter;

    @BeforeEach
    void resetStripe() throws Exception {
        StripeWireMock.server.resetAll();
        reporter.reportDue(); // nothing left over from another test
        StripeWireMock.server.resetAll();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aBookedUsageEventReachesStripeAsAMeterEventIdentifiedByItsId() throws Exception {
        UUID user = customer("cus_meter1");
        String id = UUID.randomUUID().toString();
        Period month = Period.calendarMonth(clock.instant());
        stripeAccepts();

        book(id, user, "ai_generations", 3, month);

        assertEquals(new Round(1, 0, 0), reporter.reportDue());
        LoggedRequest request = onlyRequest();
        assertEquals("Bearer sk_test_wiremock", request.getHeader("Authorization"));
        assertEquals("meter-event-" + id, request.getHeader("Idempotency-Key"));
        assertEquals(List.of("event_name=mbv_ai_generations", "identifier=" + id,
                "payload[stripe_customer_id]=cus_meter1", "payload[value]=3",
                "timestamp=" + month.start().getEpochSecond()), formFields(request));
        assertEquals(0, queued(id));
    }

    @Test
    void eachFeatureGoesToItsOwnMeter() throws Exception {
        UUID user = customer("cus_meter2");
        String id = UUID.randomUUID().toString();
        stripeAccepts();

        book(id, user, "publishes", 1, Period.calendarMonth(clock.instant()));

        assertEquals(new Round(1, 0, 0), reporter.reportDue());
        StripeWireMock.server.verify(1, postRequestedFor(urlEqualTo(METER_EVENTS))
                .withRequestBody(containing("event_name=mbv_publishes")));
    }

    @Test
    void aMeterEventStripeFailedIsSentAgainAfterTheBackoffWithTheSameIdentifier() throws Exception {
        UUID user = customer("cus_meter3");
        String id = UUID.randomUUID().toString();
        StripeWireMock.server.stubFor(post(METER_EVENTS).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}"))
                .willSetStateTo("recovered"));
        StripeWireMock.server.stubFor(post(METER_EVENTS).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(meterEvent()));

        book(id, user, "ai_generations", 1, Period.calendarMonth(clock.instant()));

        assertEquals(new Round(0, 1, 0), reporter.reportDue());
        // Not before the first backoff (1 s) has passed: the next round finds nothing due.
        assertEquals(new Round(0, 0, 0), reporter.reportDue());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new Round(1, 0, 0), reporter.reportDue());

        List<LoggedRequest> requests = StripeWireMock.server.findAll(postRequestedFor(urlEqualTo(METER_EVENTS)));
        assertEquals(2, requests.size());
        assertEquals(formFields(requests.get(0)), formFields(requests.get(1)));
        assertEquals(0, queued(id));
    }

    @Test
    void aRedeliveredUsageEventIsReportedOnce() throws Exception {
        UUID user = customer("cus_meter4");
        String id = UUID.randomUUID().toString();
        Period month = Period.calendarMonth(clock.instant());
        stripeAccepts();
        book(id, user, "ai_generations", 2, month);
        assertEquals(new Round(1, 0, 0), reporter.reportDue());

        // The same usage event again (a producer's retry, a replay), then a new one to know both were consumed.
        String next = UUID.randomUUID().toString();
        CloudEventRecords.send(UsageLedgerTest.usage(id, user, "ai_generations", 2, month));
        book(next, user, "ai_generations", 1, month);
        assertEquals(new Round(1, 0, 0), reporter.reportDue());

        StripeWireMock.server.verify(1, postRequestedFor(urlEqualTo(METER_EVENTS))
                .withRequestBody(containing("identifier=" + id)));
        StripeWireMock.server.verify(1, postRequestedFor(urlEqualTo(METER_EVENTS))
                .withRequestBody(containing("identifier=" + next)));
    }

    @Test
    void aResendAfterACrashIsTheSameRequestForStripeToDeduplicate() throws Exception {
        UUID user = customer("cus_meter5");
        String id = UUID.randomUUID().toString();
        stripeAccepts();
        book(id, user, "ai_generations", 1, Period.calendarMonth(clock.instant()));
        List<Object> row = row(id);
        assertEquals(new Round(1, 0, 0), reporter.reportDue());

        // A crash after Stripe answered but before the round was recorded leaves the row as it was.
        restore(id, row);
        assertEquals(new Round(1, 0, 0), reporter.reportDue());

        List<LoggedRequest> requests = StripeWireMock.server.findAll(postRequestedFor(urlEqualTo(METER_EVENTS)));
        assertEquals(2, requests.size());
        assertEquals(formFields(requests.get(0)), formFields(requests.get(1)));
        assertEquals(requests.get(0).getHeader("Idempotency-Key"), requests.get(1).getHeader("Idempotency-Key"));
    }

    @Test
    void aMeterEventStripeRefusesIsKeptAndNeverSentAgain() throws Exception {
        UUID user = customer("cus_meter6");
        String id = UUID.randomUUID().toString();
        StripeWireMock.server.stubFor(post(METER_EVENTS).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No active meter found\"}}")));

        book(id, user, "ai_generations", 1, Period.calendarMonth(clock.instant()));

        assertEquals(new Round(0, 0, 1), reporter.reportDue());
        clock.advance(Duration.ofHours(1));
        assertEquals(new Round(0, 0, 0), reporter.reportDue());
        StripeWireMock.server.verify(1, postRequestedFor(urlEqualTo(METER_EVENTS)));
        assertEquals(1, queued(id));
    }

    @Test
    void usageOfAUserWithoutAStripeCustomerIsNotReported() throws Exception {
        String id = UUID.randomUUID().toString();
        stripeAccepts();

        book(id, UUID.randomUUID(), "ai_generations", 1, Period.calendarMonth(clock.instant()));

        assertEquals(0, queued(id));
        assertEquals(new Round(0, 0, 0), reporter.reportDue());
        StripeWireMock.server.verify(0, postRequestedFor(urlEqualTo(METER_EVENTS)));
    }

    /** A user who is a Stripe customer (as after a first checkout). */
    private UUID customer(String customerId) throws Exception {
        UUID user = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO stripe_customers (user_id, customer_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, user.toString());
            ps.setString(2, customerId);
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        }
        return user;
    }

    /** Sends a usage event and waits until the ledger booked it (and queued its meter event). */
    private void book(String id, UUID user, String feature, long quantity, Period period) throws Exception {
        CloudEventRecords.send(UsageLedgerTest.usage(id, user, feature, quantity, period));
        await().atMost(Duration.ofSeconds(30)).until(() -> booked(id));
    }

    private boolean booked(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private int queued(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM stripe_meter_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static final String COLUMNS = "event_id, customer_id, event_name, value, occurred_at, attempts, "
            + "next_attempt_at, created_at";

    private List<Object> row(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM stripe_meter_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getObject(1), rs.getObject(2), rs.getObject(3), rs.getObject(4), rs.getObject(5),
                        rs.getObject(6), rs.getObject(7), rs.getObject(8));
            }
        }
    }

    private void restore(String eventId, List<Object> row) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO stripe_meter_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < row.size(); i++) {
                ps.setObject(i + 1, row.get(i));
            }
            ps.executeUpdate();
        }
        assertEquals(1, queued(eventId));
    }

    private static void stripeAccepts() {
        StripeWireMock.server.stubFor(post(METER_EVENTS).willReturn(meterEvent()));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder meterEvent() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"object":"billing.meter_event","created":1764000000,"event_name":"mbv_ai_generations",
                 "identifier":"x","livemode":false,"payload":{"stripe_customer_id":"cus_x","value":"1"},
                 "timestamp":1764000000}""");
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = StripeWireMock.server.findAll(postRequestedFor(urlEqualTo(METER_EVENTS)));
        assertEquals(1, requests.size());
        return requests.get(0);
    }

    /** The form-encoded body's fields, decoded and sorted. */
    private static List<String> formFields(LoggedRequest request) {
        return java.util.Arrays.stream(request.getBodyAsString().split("&"))
                .map(field -> java.net.URLDecoder.decode(field, java.nio.charset.StandardCharsets.UTF_8))
                .sorted().toList();
    }
}
