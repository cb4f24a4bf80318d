package com.mustbeviral.billing.repository;

import com.mustbeviral.billing.Subscription;
import com.mustbeviral.billing.service.Period;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The subscriptions table; at most one live (not canceled) subscription per user. */
@ApplicationScoped
public class SubscriptionRepository {

    private static final String COLUMNS = """
            SELECT id, user_id, plan_id, status, stripe_customer_id, stripe_subscription_id, billing_anchor,
                   current_period_start, current_period_end, cancel_at_period_end, pending_plan_id, version
            FROM subscriptions""";

    private final AgroalDataSource dataSource;

    SubscriptionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The user's live subscription, if any. */
    public Optional<Subscription> live(UUID userId) throws SQLException {
        return first(COLUMNS + " WHERE user_id = ? AND status <> 'canceled'", userId.toString());
    }

    /** Users per query in {@link #live(Collection)}. */
    private static final int USERS_PER_QUERY = 500;

    /** The live subscriptions of these users, by user (a user without one is absent). */
    public Map<UUID, Subscription> live(Collection<UUID> userIds) throws SQLException {
        List<UUID> users = new ArrayList<>(userIds);
        Map<UUID, Subscription> live = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < users.size(); from += USERS_PER_QUERY) {
                List<UUID> chunk = users.subList(from, Math.min(users.size(), from + USERS_PER_QUERY));
                String sql = COLUMNS + " WHERE status <> 'canceled' AND user_id IN (" + "?, ".repeat(chunk.size() - 1)
                        + "?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i).toString());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Subscription s = read(rs);
                            live.put(s.userId(), s);
                        }
                    }
                }
            }
        }
        return live;
    }

    public Optional<Subscription> byStripeId(String stripeSubscriptionId) throws SQLException {
        return first(COLUMNS + " WHERE stripe_subscription_id = ?", stripeSubscriptionId);
    }

    /** The user's Stripe customer, if they ever went to checkout. */
    public Optional<String> stripeCustomerOf(UUID userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT customer_id FROM stripe_customers WHERE user_id = ?")) {
            ps.setString(1, userId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Transactional(value = Transactional.TxType.REQUIRED, rollbackOn = Exception.class)
    public void rememberStripeCustomer(UUID userId, String customerId, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO stripe_customers (user_id, customer_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, userId.toString());
            ps.setString(2, customerId);
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Records a Stripe webhook event as handled; false when it was handled before. */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public boolean claimWebhook(String stripeEventId, String type, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO stripe_webhook_events (stripe_event_id, event_type, received_at, processed_at)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, stripeEventId);
            ps.setString(2, type);
            ps.setLong(3, now.toEpochMilli());
            ps.setLong(4, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    public boolean webhookHandled(String stripeEventId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM stripe_webhook_events WHERE stripe_event_id = ?")) {
            ps.setString(1, stripeEventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Live subscriptions billed locally (Stripe renews its own) whose period ended by {@code now}, the oldest end first. */
    public List<Subscription> periodEnded(Instant now, int limit) throws SQLException {
        String sql = COLUMNS + " WHERE status <> 'canceled' AND stripe_subscription_id IS NULL AND current_period_end <= ? ORDER BY current_period_end LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Subscription> due = new ArrayList<>();
                while (rs.next()) {
                    due.add(read(rs));
                }
                return due;
            }
        }
    }

    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void insert(Subscription s, Instant now) throws SQLException {
        String sql = """
                INSERT INTO subscriptions (id, user_id, plan_id, status, stripe_customer_id, stripe_subscription_id,
                    billing_anchor, current_period_start, current_period_end, cancel_at_period_end, pending_plan_id,
                    version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.id().toString());
            ps.setString(2, s.userId().toString());
            ps.setString(3, s.planId());
            ps.setString(4, s.status());
            ps.setString(5, s.stripeCustomerId());
            ps.setString(6, s.stripeSubscriptionId());
            ps.setLong(7, s.billingAnchor().toEpochMilli());
            ps.setLong(8, s.period().start().toEpochMilli());
            ps.setLong(9, s.period().end().toEpochMilli());
            ps.setBoolean(10, s.cancelAtPeriodEnd());
            ps.setString(11, s.pendingPlanId());
            ps.setLong(12, s.version());
            ps.setLong(13, now.toEpochMilli());
            ps.setLong(14, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /**
     * Writes {@code s} if the stored row is still at {@code s.version()} (and bumps it): false when
     * another change came first, so that no change, and no period reset, is applied twice.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public boolean update(Subscription s, Instant now) throws SQLException {
        String sql = """
                UPDATE subscriptions SET plan_id = ?, status = ?, stripe_customer_id = ?, stripe_subscription_id = ?,
                    current_period_start = ?, current_period_end = ?, cancel_at_period_end = ?, pending_plan_id = ?,
                    version = version + 1, updated_at = ?
                WHERE id = ? AND version = ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.planId());
            ps.setString(2, s.status());
            ps.setString(3, s.stripeCustomerId());
            ps.setString(4, s.stripeSubscriptionId());
            ps.setLong(5, s.period().start().toEpochMilli());
            ps.setLong(6, s.period().end().toEpochMilli());
            ps.setBoolean(7, s.cancelAtPeriodEnd());
            ps.setString(8, s.pendingPlanId());
            ps.setLong(9, now.toEpochMilli());
            ps.setString(10, s.id().toString());
            ps.setLong(11, s.version());
            return ps.executeUpdate() == 1;
        }
    }

    private Optional<Subscription> first(String sql, String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Subscription read(ResultSet rs) throws SQLException {
        return new Subscription(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                new Period(Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9))),
                rs.getBoolean(10), rs.getString(11), rs.getLong(12));
    }
}
