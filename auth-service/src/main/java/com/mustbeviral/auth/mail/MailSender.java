package com.mustbeviral.auth.mail;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.platform.time.Backoff;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends the queued mail over SMTP (quarkus-mailer), on one thread: woken by each commit that queued
 * mail, and every {@code auth.mail.poll-interval} for what failed before or was queued before a
 * restart. A mail whose send failed is retried with backoff (1 s doubling to 5 min) up to
 * {@code auth.mail.max-attempts} times, then given up and logged. A crash between the SMTP answer
 * and marking the job sent sends it again (at least once); the second link replaces the first.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);

    private final MailJobs jobs;
    private final Mailer mailer;
    private final AuthConfig config;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-sender");
        t.setDaemon(true);
        return t;
    });
    // One drain at a time; a wake-up during a drain asks for one more.
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    MailSender(MailJobs jobs, Mailer mailer, AuthConfig config, Clock clock) {
        this.jobs = jobs;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        long millis = config.mail().pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::wake, 0, millis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        thread.shutdownNow();
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailQueued queued) {
        wake();
    }

    /** Sends what is due, now, on the sender's thread. */
    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false)) {
                for (MailQueueRepository.Job job : jobs.due(clock.instant())) {
                    send(job);
                }
            }
        } catch (Exception e) {
            LOG.warnf(e, "Mail queue not read; next sweep in %s", config.mail().pollInterval());
        } finally {
            running.set(false);
            if (again.get() && running.compareAndSet(false, true)) {
                thread.execute(this::drain);
            }
        }
    }

    private void send(MailQueueRepository.Job job) throws Exception {
        Instant now = clock.instant();
        Optional<Mail> mail = jobs.prepare(job, now);
        if (mail.isEmpty()) {
            return;
        }
        try {
            mailer.send(mail.get());
        } catch (RuntimeException e) {
            int attempts = job.attempts() + 1;
            if (attempts >= config.mail().maxAttempts()) {
                LOG.errorf(e, "Mail %d (%s) given up after %d attempts", job.id(), job.kind(), attempts);
                jobs.failed(job, clock.instant(), null);
            } else {
                Duration wait = FIRST_RETRY;
                for (int i = 1; i < attempts; i++) {
                    wait = Backoff.after(wait, MAX_RETRY);
                }
                LOG.warnf("Mail %d (%s) not sent (%s); retry in %s", job.id(), job.kind(), e.getMessage(), wait);
                jobs.failed(job, clock.instant(), clock.instant().plus(wait));
            }
            return;
        }
        jobs.sent(job, clock.instant());
    }
}
