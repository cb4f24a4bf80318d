import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Event latency of the backbone: from the commit of an outbox row in auth-service's database to
 * the commit of its audit record in audit-service's database, through the relay, a real Kafka
 * broker and audit's idempotent consumer.
 *
 * <p>Usage: {@code java -cp sqlite-jdbc.jar EventLatency.java AUTH_DB AUDIT_DB RATE SECONDS}.
 * It commits RATE user.registered outbox rows per second (one transaction each, paced) for
 * SECONDS, waits until audit holds every one, and prints p50/p99/max of
 * {@code audit_log.recorded_at - outbox.occurred_at} in milliseconds.
 */
public class EventLatency {

    public static void main(String[] args) throws Exception {
        String authDb = args[0];
        String auditDb = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String runId = UUID.randomUUID().toString();

        List<String> ids = produce(authDb, rate, seconds, runId);
        List<Long> latencies = awaitAudited(auditDb, authDb, ids, runId);
        Collections.sort(latencies);
        System.out.printf("events=%d rate=%d/s p50=%d ms p99=%d ms max=%d ms%n", latencies.size(), rate,
                percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1));
    }

    private static List<String> produce(String authDb, int rate, int seconds, String runId) throws Exception {
        List<String> ids = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / rate;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + authDb + "?busy_timeout=5000&synchronous=FULL");
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO outbox (event_id, topic, event_type, subject, payload, occurred_at)
                        VALUES (?, 'auth.users', 'user.registered', ?, ?, ?)""")) {
            long start = System.nanoTime();
            for (long i = 0; i < (long) rate * seconds; i++) {
                long due = start + i * intervalNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String userId = UUID.randomUUID().toString();
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, userId);
                ps.setString(3, "{\"user_id\":\"" + userId + "\",\"username\":\"bench\",\"display_name\":\"" + runId
                        + "\",\"role\":\"creator\",\"registered_at\":\"2026-11-25T12:00:00Z\"}");
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate(); // autocommit: the row is committed when this returns
                ids.add(userId);
            }
            double took = (System.nanoTime() - start) / 1e9;
            System.out.printf("committed %d outbox rows in %.2f s (%.0f/s)%n", ids.size(), took, ids.size() / took);
        }
        return ids;
    }

    private static List<Long> awaitAudited(String auditDb, String authDb, List<String> ids, String runId)
            throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + auditDb + "?mode=ro")) {
            c.createStatement().execute("ATTACH DATABASE 'file:" + authDb + "?mode=ro' AS auth");
            String countSql = "SELECT count(*) FROM audit_log WHERE json_extract(payload, '$.display_name') = ?";
            while (true) {
                try (PreparedStatement ps = c.prepareStatement(countSql)) {
                    ps.setString(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= ids.size()) {
                            break;
                        }
                        if (System.currentTimeMillis() > deadline) {
                            throw new IllegalStateException("audit holds " + rs.getLong(1) + " of " + ids.size());
                        }
                    }
                }
                Thread.sleep(200);
            }
            List<Long> latencies = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.recorded_at - o.occurred_at FROM audit_log a JOIN auth.outbox o ON o.event_id = a.event_id
                    WHERE json_extract(a.payload, '$.display_name') = ?""")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        latencies.add(rs.getLong(1));
                    }
                }
            }
            return latencies;
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
