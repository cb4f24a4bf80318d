package com.mustbeviral.content.usage;

import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.billing.UsageIncremented;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Meters a user's features against their entitlements (DESIGN.md, flow 3), in three steps around the
 * action: {@link #reserve} before it (refused with 402 when the limit is reached: nothing runs),
 * then {@link #commit} when it succeeded (counted, and {@code usage.incremented} in the outbox, in the
 * caller's transaction) or {@link #release} when it failed (nothing counted). Exact under
 * concurrency: with N units left, of any number of concurrent reservations exactly N succeed.
 * <p>
 * Limits are billing's last {@code entitlements.updated} for the user, else the free plan of
 * {@code content.usage.free.*} per calendar month (UTC). A request never waits on billing.
 */
@ApplicationScoped
public class UsageMeter {

    static final String FREE_PLAN = "free";
    private static final Logger LOG = Logger.getLogger(UsageMeter.class);

    private final EntitlementsTable entitlements;
    private final UsageCounters counters;
    private final Outbox outbox;
    private final UsageSettings settings;
    private final Clock clock;

    UsageMeter(EntitlementsTable entitlements, UsageCounters counters, Outbox outbox, ContentConfig config,
            Clock clock) {
        this.entitlements = entitlements;
        this.counters = counters;
        this.outbox = outbox;
        this.settings = config.usage();
        this.clock = clock;
    }

    /**
     * Holds one unit of {@code feature} for {@code userId} until {@link #commit} or {@link #release}
     * (or its expiry, {@code content.usage.reservation-ttl}). In a transaction of its own, so that the
     * unit is held while the action runs (a generation takes seconds: no transaction stays open that long).
     *
     * @throws Refusal {@link UsageRefusal#LIMIT_REACHED} when the period's limit is used or held
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public Reservation reserve(UUID userId, Feature feature) throws SQLException {
        return hold(userId, feature, clock.instant());
    }

    /**
     * Counts one unit of an instant action (a publication) in the caller's transaction: checked,
     * counted and {@code usage.incremented} appended together with the action's own change, or, when
     * the limit is reached, a {@link Refusal} that rolls all of it back. For actions that take no time;
     * a generation uses {@link #reserve} (outside any transaction: SQLite has one writer, and a second
     * transaction opened inside a writing one would wait for it).
     *
     * @throws Refusal {@link UsageRefusal#LIMIT_REACHED} when the period's limit is used or held
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public Reservation countNow(UUID userId, Feature feature) throws SQLException {
        Reservation reservation = hold(userId, feature, clock.instant());
        commit(reservation);
        return reservation;
    }

    private Reservation hold(UUID userId, Feature feature, Instant now) throws SQLException {
        Allowance allowance = allowance(userId, feature, now);
        boolean reserved = counters.tryReserve(userId, feature, allowance.periodStart(), allowance.limit())
                || counters.expireStale(userId, feature, allowance.periodStart(), now) > 0
                        && counters.tryReserve(userId, feature, allowance.periodStart(), allowance.limit());
        if (!reserved) {
            long used = counters.counts(userId, feature, allowance.periodStart())[0];
            throw new Refusal(UsageRefusal.LIMIT_REACHED, "Your " + allowance.plan() + " plan allows "
                    + allowance.limit() + " " + feature.wireName().replace('_', ' ') + " until "
                    + allowance.periodEnd() + "; upgrade for more.")
                    .with("limit", feature.wireName())
                    .with("plan", allowance.plan())
                    .with("allowed", allowance.limit())
                    .with("used", used)
                    .with("period_end", allowance.periodEnd().toString())
                    .with("upgrade_url", settings.upgradeUrl());
        }
        Reservation reservation = new Reservation(UUID.randomUUID(), userId, feature, allowance.plan(),
                allowance.periodStart(), allowance.periodEnd(), now.plus(settings.reservationTtl()));
        counters.insertReservation(reservation, now);
        return reservation;
    }

    /**
     * Counts the reserved unit and appends {@code usage.incremented} (event id = the reservation's id)
     * to the outbox, in the caller's transaction: call it in the transaction that saves the action's
     * result (the draft), so that both or neither happen. Counting a reservation twice counts it once.
     * A reservation that expired meanwhile is still counted: the action did run.
     *
     * @throws IllegalStateException if the reservation was released or does not exist
     */
    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public void commit(Reservation reservation) throws SQLException {
        Instant now = clock.instant();
        String state = counters.stateOf(reservation.id())
                .orElseThrow(() -> new IllegalStateException("No reservation " + reservation.id()));
        switch (state) {
            case "committed" -> {
                return;
            }
            case "released" -> throw new IllegalStateException("Reservation " + reservation.id() + " was released");
            case "expired" -> LOG.warnf("Reservation %s expired before its commit; counted anyway", reservation.id());
            default -> {
                // reserved: the usual case
            }
        }
        if (!counters.settle(reservation, state, "committed", now)) {
            throw new IllegalStateException("Reservation " + reservation.id() + " changed during its commit");
        }
        outbox.append(reservation.id().toString(), Topics.BILLING_USAGE, UsageIncremented.TYPE,
                reservation.userId().toString(), new UsageIncremented(reservation.userId(),
                        reservation.feature().wireName(), 1, now, reservation.periodStart(), reservation.periodEnd()),
                now);
    }

    /**
     * Gives the unit back: the action failed, nothing is counted. Releasing twice, or after the
     * reservation expired, changes nothing; a committed reservation stays counted.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void release(Reservation reservation) throws SQLException {
        counters.settle(reservation, "reserved", "released", clock.instant());
    }

    /**
     * Gives back the units of reservations abandoned past their expiry (a generation whose request died
     * with its instance), so that a user's count is right without waiting for their next request.
     * Returns how many expired.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public int expireAbandoned() throws SQLException {
        return counters.expireAllStale(clock.instant());
    }

    /**
     * Forgets a deleted account's metering (counters, reservations, entitlements), in the caller's
     * transaction. Billing's ledger, the record of what was charged, is billing's to keep.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void forget(UUID userId) throws SQLException {
        counters.forget(userId);
        entitlements.forget(userId);
    }

    /** Used and held units of the user's current period (for tests and a usage view). */
    public Usage usage(UUID userId, Feature feature) throws SQLException {
        Allowance allowance = allowance(userId, feature, clock.instant());
        long[] counts = counters.counts(userId, feature, allowance.periodStart());
        return new Usage(allowance.plan(), allowance.limit(), counts[0], counts[1], allowance.periodStart(),
                allowance.periodEnd());
    }

    /** A user's use of one feature in the current period. */
    public record Usage(String plan, long limit, long used, long reserved, Instant periodStart, Instant periodEnd) {
    }

    /**
     * The limit and period that apply now: billing's, rolled forward by whole periods when billing's
     * period ended and its next update has not arrived yet (the plan goes on until billing says
     * otherwise); the free plan by calendar month when billing never spoke of the user.
     */
    Allowance allowance(UUID userId, Feature feature, Instant now) throws SQLException {
        var billed = entitlements.of(userId);
        if (billed.isEmpty()) {
            YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
            return new Allowance(FREE_PLAN, feature.freeLimit(settings.free()),
                    month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        EntitlementsTable.Row row = billed.get();
        Instant start = row.periodStart();
        Instant end = row.periodEnd();
        if (!now.isBefore(end)) {
            Duration length = Duration.between(start, end);
            long periods = Duration.between(start, now).toMillis() / length.toMillis();
            start = start.plus(length.multipliedBy(periods));
            end = start.plus(length);
        }
        return new Allowance(row.plan(), row.limitOf(feature), start, end);
    }
}
