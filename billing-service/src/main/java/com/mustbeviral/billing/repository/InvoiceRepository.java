package com.mustbeviral.billing.repository;

import com.mustbeviral.billing.Invoice;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The invoices table. */
@ApplicationScoped
public class InvoiceRepository {

    private final AgroalDataSource dataSource;

    InvoiceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public void insert(Invoice invoice) throws SQLException {
        String sql = """
                INSERT INTO invoices (id, user_id, subscription_id, amount_cents, currency, description, period_start,
                    period_end, status, stripe_invoice_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, invoice.id().toString());
            ps.setString(2, invoice.userId().toString());
            ps.setString(3, invoice.subscriptionId() == null ? null : invoice.subscriptionId().toString());
            ps.setLong(4, invoice.amountCents());
            ps.setString(5, invoice.currency());
            ps.setString(6, invoice.description());
            ps.setLong(7, invoice.periodStart().toEpochMilli());
            ps.setLong(8, invoice.periodEnd().toEpochMilli());
            ps.setString(9, invoice.status());
            ps.setString(10, invoice.stripeInvoiceId());
            ps.setLong(11, invoice.createdAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** The user's invoices, newest first. */
    public List<Invoice> of(UUID userId, int limit) throws SQLException {
        String sql = """
                SELECT id, user_id, subscription_id, amount_cents, currency, description, period_start, period_end,
                       status, stripe_invoice_id, created_at
                FROM invoices WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Invoice> invoices = new ArrayList<>();
                while (rs.next()) {
                    String subscription = rs.getString(3);
                    invoices.add(new Invoice(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
                            subscription == null ? null : UUID.fromString(subscription), rs.getLong(4),
                            rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                            Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9), rs.getString(10),
                            Instant.ofEpochMilli(rs.getLong(11))));
                }
                return invoices;
            }
        }
    }
}
