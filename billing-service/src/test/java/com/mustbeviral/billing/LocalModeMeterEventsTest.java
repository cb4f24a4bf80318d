package com.mustbeviral.billing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without a Stripe key nothing goes to Stripe: booked usage is not even queued as meter events. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class LocalModeMeterEventsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    StripeMeterReporter reporter;

    @Test
    void bookedUsageOfAStripeCustomerIsNotQueuedInLocalMode() throws Exception {
        UUID user = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO stripe_customers (user_id, customer_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, user.toString());
            ps.setString(2, "cus_local_" + user);
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        }
        String id = UUID.randomUUID().toString();

        CloudEventRecords.send(UsageLedgerTest.usage(id, user, "ai_generations", 1, Period.calendarMonth(clock.instant())));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM processed_events WHERE event_id = ?", id) == 1);

        assertEquals(0, count("SELECT COUNT(*) FROM stripe_meter_events WHERE event_id = ?", id));
        assertEquals(new Round(0, 0, 0), reporter.reportDue());
    }

    private long count(String sql, String value) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
