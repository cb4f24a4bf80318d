import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends usage.incremented CloudEvents (binary mode, as content-service's outbox relay does) to
 * billing.usage: COUNT distinct events spread over the users of USERS_FILE (one UUID a line), each
 * quantity 1, feature ai_generations, in the current calendar month; then every DUP_EVERY-th of them
 * again with the same id (redeliveries billing must not count). Prints "sent=N distinct=D ms=T".
 *
 *   java -cp <kafka-clients jars> UsageLoad.java BOOTSTRAP USERS_FILE COUNT DUP_EVERY [SEED_ID_PREFIX]
 */
public class UsageLoad {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        List<String> users = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1])).stream()
                .filter(line -> !line.isBlank()).toList();
        int count = Integer.parseInt(args[2]);
        int dupEvery = Integer.parseInt(args[3]);
        String prefix = args.length > 4 ? args[4] : UUID.randomUUID().toString().substring(0, 8);
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        String start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "5");
        props.put("batch.size", "262144");
        props.put("compression.type", "none");
        long t0 = System.nanoTime();
        int sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                sent += send(producer, prefix, i, users.get(i % users.size()), start, end);
            }
            for (int i = 0; dupEvery > 0 && i < count; i += dupEvery) {
                sent += send(producer, prefix, i, users.get(i % users.size()), start, end);
            }
            producer.flush();
        }
        System.out.printf("sent=%d distinct=%d ms=%d%n", sent, count, (System.nanoTime() - t0) / 1_000_000);
    }

    private static int send(KafkaProducer<String, String> producer, String prefix, int i, String user, String start,
            String end) {
        String id = prefix + "-" + i;
        String payload = "{\"user_id\":\"" + user + "\",\"feature\":\"ai_generations\",\"quantity\":1,\"occurred_at\":\""
                + Instant.now() + "\",\"period_start\":\"" + start + "\",\"period_end\":\"" + end + "\"}";
        ProducerRecord<String, String> record = new ProducerRecord<>("billing.usage", user, payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", "usage.incremented");
        header(record, "ce_source", "urn:mustbeviral:content-service");
        header(record, "ce_subject", user);
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        producer.send(record);
        return 1;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
