package com.mustbeviral.billing.repository;

import com.mustbeviral.billing.Plan;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The plans table. */
@ApplicationScoped
public class PlanRepository {

    private final AgroalDataSource dataSource;

    PlanRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Plans open for sign-up, cheapest first. */
    public List<Plan> active() throws SQLException {
        String sql = """
                SELECT id, name, price_cents, currency, billing_interval, ai_generations, publishes, api_calls,
                       overage_cents_per_unit
                FROM plans WHERE active = TRUE ORDER BY sort_order""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<Plan> plans = new ArrayList<>();
            while (rs.next()) {
                plans.add(new Plan(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        new Plan.Limits(rs.getLong(6), rs.getLong(7), rs.getLong(8)), rs.getLong(9)));
            }
            return plans;
        }
    }
}
