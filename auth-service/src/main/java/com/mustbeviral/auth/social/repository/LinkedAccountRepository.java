package com.mustbeviral.auth.social.repository;

import com.mustbeviral.auth.pii.PiiCipher;
import com.mustbeviral.auth.pii.PiiColumn;
import com.mustbeviral.auth.social.LinkedAccount;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The oauth_accounts table: social accounts linked to users. The provider's email is stored encrypted. */
@ApplicationScoped
public class LinkedAccountRepository {

    private static final String COLUMNS = "provider, provider_user_id, user_id, provider_username, email, email_verified, linked_at";

    private final AgroalDataSource dataSource;
    private final PiiCipher cipher;

    LinkedAccountRepository(AgroalDataSource dataSource, PiiCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    /** The key an email is bound to: the row's primary key (provider ids contain no colon). */
    public static String rowKey(String provider, String providerUserId) {
        return provider + ":" + providerUserId;
    }

    public void insert(LinkedAccount link) throws SQLException {
        String sql = "INSERT INTO oauth_accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, link.provider());
            ps.setString(2, link.providerUserId());
            ps.setString(3, link.userId().toString());
            ps.setString(4, link.providerUsername());
            ps.setString(5, cipher.encrypt(link.email(), PiiColumn.OAUTH_ACCOUNTS_EMAIL,
                    rowKey(link.provider(), link.providerUserId())));
            ps.setBoolean(6, link.emailVerified());
            ps.setLong(7, link.linkedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    public Optional<LinkedAccount> find(String provider, String providerUserId) throws SQLException {
        List<LinkedAccount> found = select("provider = ? AND provider_user_id = ?", provider, providerUserId);
        return found.stream().findFirst();
    }

    public Optional<LinkedAccount> findByUser(UUID userId, String provider) throws SQLException {
        return select("user_id = ? AND provider = ?", userId.toString(), provider).stream().findFirst();
    }

    /** A user's links, oldest first. */
    public List<LinkedAccount> listByUser(UUID userId) throws SQLException {
        return select("user_id = ? ORDER BY linked_at, provider", userId.toString());
    }

    public boolean delete(UUID userId, String provider) throws SQLException {
        String sql = "DELETE FROM oauth_accounts WHERE user_id = ? AND provider = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.toString());
            ps.setString(2, provider);
            return ps.executeUpdate() == 1;
        }
    }

    private List<LinkedAccount> select(String where, String... args) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM oauth_accounts WHERE " + where;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<LinkedAccount> links = new ArrayList<>();
                while (rs.next()) {
                    String email = cipher.decrypt(rs.getString(5), PiiColumn.OAUTH_ACCOUNTS_EMAIL,
                            rowKey(rs.getString(1), rs.getString(2)));
                    links.add(new LinkedAccount(rs.getString(1), rs.getString(2), UUID.fromString(rs.getString(3)),
                            rs.getString(4), email, rs.getBoolean(6), Instant.ofEpochMilli(rs.getLong(7))));
                }
                return links;
            }
        }
    }
}
