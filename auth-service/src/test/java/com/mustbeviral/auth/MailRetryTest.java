package com.mustbeviral.auth;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RedisServerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mail asked for while the SMTP server is away is not lost: the queue keeps it and the sender retries. */
@QuarkusTest
@TestProfile(MailRetryTest.SmtpAway.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(SmtpServerResource.class)
class MailRetryTest {

    /** Nothing listens here until the test starts its own SMTP server. */
    static final int AWAY_PORT = 18391;

    public static class SmtpAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", Integer.toString(AWAY_PORT));
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aMailQueuedWhileTheSmtpServerIsAwayIsSentOnceItIsBack() throws Exception {
        String username = Accounts.register();
        await().atMost(Duration.ofSeconds(20)).until(() -> failedAttempts(username) >= 1);

        GreenMail smtp = new GreenMail(new ServerSetup(AWAY_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the retried mail never came");
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals(username + "@example.com", mail.getAllRecipients()[0].toString());
            assertTrue(GreenMailUtil.getBody(mail).contains("verify-email#token="));
        } finally {
            smtp.stop();
        }
    }

    private long failedAttempts(String username) throws Exception {
        String sql = """
                SELECT coalesce(max(q.attempts), 0) FROM mail_queue q JOIN users u ON u.id = q.user_id
                WHERE u.username = '%s' AND q.sent_at IS NULL""".formatted(username);
        try (var c = dataSource.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
