package com.mustbeviral.billing.service;

import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.billing.repository.MeterEventQueue;
import com.mustbeviral.billing.repository.MeterEventQueue.Delivered;
import com.mustbeviral.billing.repository.MeterEventQueue.Failed;
import com.mustbeviral.billing.repository.MeterEventQueue.Outcome;
import com.mustbeviral.billing.repository.MeterEventQueue.Pending;
import com.mustbeviral.billing.repository.MeterEventQueue.Refused;
import com.mustbeviral.platform.time.Backoff;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Sends queued meter events to Stripe, in rounds on a thread of its own (Stripe mode only): each round
 * takes what is due (at most its share of {@code billing.stripe.meter-events.per-second}), sends it with
 * a few requests in flight, records every outcome in one transaction, then pauses {@code every}; rounds
 * never overlap, so rounds start at least {@code every} apart. (Not {@code @Scheduled}: Quarkus' simple
 * scheduler checks its triggers once a second, too coarse for 0.2 s rounds.) Booking never waits for Stripe. A failure Stripe may get over
 * (network, 5xx, 429, 409, a rejected key) is resent with backoff; a request Stripe refuses for good
 * (another 4xx) is kept, marked, and never resent. A crash between Stripe's answer and the record
 * resends the event with the same identifier and idempotency key, which Stripe does not count twice.
 */
@ApplicationScoped
public class StripeMeterReporter {

    private static final Logger LOG = Logger.getLogger(StripeMeterReporter.class);

    /** What a round did. */
    public record Round(int delivered, int failed, int refused) {
    }

    private final StripeAccount stripe;
    private final MeterEventQueue queue;
    private final BillingConfig.MeterEvents config;
    private final Clock clock;
    private final int perRound;
    private final ExecutorService senders;
    private final Thread rounds = new Thread(this::loop, "stripe-meter-rounds");
    // Rounds never overlap, whether the round thread or a caller (a test) starts them.
    private final ReentrantLock oneRound = new ReentrantLock();

    StripeMeterReporter(StripeAccount stripe, MeterEventQueue queue, BillingConfig config, Clock clock) {
        this.stripe = stripe;
        this.queue = queue;
        this.config = config.stripe().meterEvents();
        this.clock = clock;
        this.perRound = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                this.config.perSecond() * this.config.every().toMillis() / 1000));
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, this.config.senders()), task -> {
            Thread thread = new Thread(task, "stripe-meter-events-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent event) {
        if (stripe.enabled()) {
            rounds.setDaemon(true);
            rounds.start();
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(config.every());
                reportDue();
            } catch (InterruptedException e) {
                return; // stopping
            } catch (Exception e) {
                // The queue is the record: whatever this round could not do, a later one does.
                LOG.warnf(e, "A round of meter events failed");
            }
        }
    }

    /** One round: sends what is due now (up to the round's share) and records the outcomes. */
    public Round reportDue() throws SQLException, InterruptedException {
        oneRound.lock();
        try {
            List<Pending> due = queue.due(clock.instant(), perRound);
            if (due.isEmpty()) {
                return new Round(0, 0, 0);
            }
            List<Future<Outcome>> sent = new ArrayList<>(due.size());
            for (Pending event : due) {
                sent.add(senders.submit(() -> send(event)));
            }
            List<Outcome> outcomes = new ArrayList<>(due.size());
            for (Future<Outcome> outcome : sent) {
                outcomes.add(outcome.get());
            }
            queue.settle(outcomes, clock.instant());
            return new Round(count(outcomes, Delivered.class), count(outcomes, Failed.class),
                    count(outcomes, Refused.class));
        } catch (ExecutionException e) {
            throw new IllegalStateException("A meter event's send failed unexpectedly", e.getCause());
        } finally {
            oneRound.unlock();
        }
    }

    private Outcome send(Pending event) {
        try {
            stripe.reportMeterEvent(event.eventId(), event.customerId(), event.eventName(), event.value(),
                    event.occurredAt());
            return new Delivered(event.eventId());
        } catch (StripeException e) {
            String error = (e.getStatusCode() == null ? "" : e.getStatusCode() + " ") + e.getMessage();
            if (resendable(e)) {
                Duration wait = backoff(event.attempts() + 1);
                LOG.warnf("Meter event %s not reported (%s); again in %s", event.eventId(), error, wait);
                return new Failed(event.eventId(), error, clock.instant().plus(wait));
            }
            LOG.errorf("Stripe refused meter event %s for good: %s (request %s)", event.eventId(), error,
                    e.getRequestId());
            return new Refused(event.eventId(), error);
        } catch (RuntimeException e) {
            // Whatever else went wrong on the way is not the event's fault: try again later.
            Duration wait = backoff(event.attempts() + 1);
            LOG.warnf(e, "Meter event %s not reported; again in %s", event.eventId(), wait);
            return new Failed(event.eventId(), String.valueOf(e.getMessage()), clock.instant().plus(wait));
        }
    }

    /** Network failures, Stripe's own errors, rate limits, conflicts and key trouble pass; a bad request does not. */
    private static boolean resendable(StripeException e) {
        if (e instanceof ApiConnectionException || e.getStatusCode() == null) {
            return true;
        }
        int status = e.getStatusCode();
        return status >= 500 || status == 429 || status == 409 || status == 401 || status == 403;
    }

    /** The wait before attempt {@code attempt + 1}: the first backoff, doubled each time, capped. */
    private Duration backoff(int attempt) {
        Duration wait = config.firstBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = Backoff.after(wait, config.maxBackoff());
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static int count(List<Outcome> outcomes, Class<? extends Outcome> kind) {
        return (int) outcomes.stream().filter(kind::isInstance).count();
    }

    @PreDestroy
    void close() {
        rounds.interrupt();
        senders.shutdownNow();
    }
}
