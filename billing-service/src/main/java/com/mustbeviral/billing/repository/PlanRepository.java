package com.mustbeviral.billing.repository;

import com.mustbeviral.billing.Plan;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plans table: plans are data, changed by migrations, never by code. */
@ApplicationScoped
public class PlanRepository {

    private static final String COLUMNS = """
            SELECT id, name, price_cents, currency, billing_interval, ai_generations, publishes, api_calls,
                   api_requests_per_minute, media_storage_mb, seats, overage_cents_per_unit, stripe_price_id, active
            FROM plans""";

    private final AgroalDataSource dataSource;

    PlanRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Plans open for sign-up, cheapest first. */
    public List<Plan> active() throws SQLException {
        List<Plan> active = new ArrayList<>();
        for (Map.Entry<Plan, Boolean> plan : query(COLUMNS + " ORDER BY sort_order", null).entrySet()) {
            if (plan.getValue()) {
                active.add(plan.getKey());
            }
        }
        return active;
    }

    /** Any plan by id, open for sign-up or not (partner). */
    public Optional<Plan> find(String id) throws SQLException {
        return query(COLUMNS + " WHERE id = ?", id).keySet().stream().findFirst();
    }

    /** The plan sold at a Stripe price. */
    public Optional<Plan> byStripePrice(String priceId) throws SQLException {
        return query(COLUMNS + " WHERE stripe_price_id = ?", priceId).keySet().stream().findFirst();
    }

    /** Every plan by id. */
    public Map<String, Plan> byId() throws SQLException {
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (Plan plan : query(COLUMNS, null).keySet()) {
            plans.put(plan.id(), plan);
        }
        return plans;
    }

    private Map<Plan, Boolean> query(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Map<Plan, Boolean> plans = new LinkedHashMap<>();
                while (rs.next()) {
                    plans.put(new Plan(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), new Plan.Limits(rs.getLong(6), rs.getLong(7), rs.getLong(8),
                                    rs.getLong(9), rs.getLong(10), rs.getLong(11)),
                            rs.getLong(12), rs.getString(13)), rs.getBoolean(14));
                }
                return plans;
            }
        }
    }
}
