import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Time of one argon2id hash, single-threaded, median of N after a warm-up; or, with THREADS, how many
 * hashes per second that many threads hashing at once reach (what a server that did nothing but hash
 * could do: the real ceiling of password logins, since hashes running side by side share the memory
 * bus and caches).
 *
 *   java -cp <argon2-jvm, jna, bcprov jars> HashTime.java IMPL MEMORY_KIB ITERATIONS PARALLELISM [N]
 *   java -cp <...> HashTime.java IMPL MEMORY_KIB ITERATIONS PARALLELISM SECONDS THREADS
 *
 * IMPL: "argon2-jvm" (de.mkammerer argon2-jvm with its bundled native libargon2: what auth-service's
 * PasswordHasher calls) or "bc" (Bouncy Castle's pure-Java Argon2BytesGenerator: what Keycloak's
 * argon2 password hashing provider calls). Prints one line: {@code median_ms=... p10_ms=... p90_ms=... n=...},
 * or with THREADS {@code hashes_per_s=... threads=... seconds=...}.
 */
public class HashTime {

    public static void main(String[] args) throws InterruptedException {
        String impl = args[0];
        int memoryKib = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        int parallelism = Integer.parseInt(args[3]);
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        Runnable hash = switch (impl) {
            case "argon2-jvm" -> argon2Jvm(memoryKib, iterations, parallelism);
            case "bc" -> bouncyCastle(memoryKib, iterations, parallelism);
            default -> throw new IllegalArgumentException("IMPL is argon2-jvm or bc, not " + impl);
        };
        for (int i = 0; i < 5; i++) {
            hash.run(); // warm-up: JIT (bc), native library load (argon2-jvm)
        }
        if (args.length > 5) {
            throughput(hash, n, Integer.parseInt(args[5]));
            return;
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            hash.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("median_ms=%.2f p10_ms=%.2f p90_ms=%.2f n=%d%n", ms[n / 2], ms[n / 10], ms[n * 9 / 10], n);
    }

    /** Hashes on {@code threads} threads for {@code seconds} (after as long again of warm-up) and prints the rate. */
    private static void throughput(Runnable hash, int seconds, int threads) throws InterruptedException {
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    hash.run();
                    if (counting.get()) {
                        done.incrementAndGet();
                    }
                }
                stopped.countDown();
            });
        }
        Thread.sleep(seconds * 1000L); // every thread hashing: the warm-up
        long t0 = System.nanoTime();
        counting.set(true);
        Thread.sleep(seconds * 1000L);
        counting.set(false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        stopped.await();
        System.out.printf("hashes_per_s=%.1f threads=%d seconds=%.1f%n", done.get() / elapsed, threads, elapsed);
    }

    private static Runnable argon2Jvm(int memoryKib, int iterations, int parallelism) {
        // The very call PasswordHasher makes (a fresh random salt per hash, PHC string out).
        Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
        return () -> argon2.hash(iterations, memoryKib, parallelism, "correct horse battery".toCharArray());
    }

    private static Runnable bouncyCastle(int memoryKib, int iterations, int parallelism) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).build();
        byte[] password = "correct horse battery".getBytes(StandardCharsets.UTF_8);
        return () -> {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[32];
            generator.generateBytes(password, out);
        };
    }
}
