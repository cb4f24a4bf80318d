package com.mustbeviral.auth.partner.repository;

import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.token.TokenAlgorithm;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The oauth_clients table. Lists are stored space-separated, as OAuth writes them. */
@ApplicationScoped
public class OAuthClientRepository {

    private static final String COLUMNS = """
            client_id, name, client_secret_hash, redirect_uris, allowed_scopes, grant_types, created_at, registered_by,
            disabled_at, id_token_signed_response_alg""";

    private final AgroalDataSource dataSource;

    OAuthClientRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(OAuthClient client) throws SQLException {
        String sql = """
                INSERT INTO oauth_clients (client_id, name, client_secret_hash, redirect_uris, allowed_scopes, grant_types,
                                           created_at, registered_by, id_token_signed_response_alg)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, client.clientId());
            ps.setString(2, client.name());
            ps.setString(3, client.secretHash());
            ps.setString(4, String.join(" ", client.redirectUris()));
            ps.setString(5, OAuthScopes.format(client.scopes()));
            ps.setString(6, String.join(" ", client.grantTypes()));
            ps.setLong(7, client.createdAt().toEpochMilli());
            ps.setString(8, client.registeredBy());
            ps.setString(9, client.idTokenSignedResponseAlg().name());
            ps.executeUpdate();
        }
    }

    public Optional<OAuthClient> find(String clientId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM oauth_clients WHERE client_id = ?")) {
            ps.setString(1, clientId);
            return read(ps).stream().findFirst();
        }
    }

    /** Clients in registration order, after the one a cursor names (null: from the first). */
    public List<OAuthClient> page(Instant afterCreatedAt, String afterClientId, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + """
                 FROM oauth_clients WHERE (created_at, client_id) > (?, ?)
                ORDER BY created_at, client_id LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, afterCreatedAt == null ? Long.MIN_VALUE : afterCreatedAt.toEpochMilli());
            ps.setString(2, afterClientId == null ? "" : afterClientId);
            ps.setInt(3, limit);
            return read(ps);
        }
    }

    private static List<OAuthClient> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<OAuthClient> clients = new ArrayList<>();
            while (rs.next()) {
                long disabled = rs.getLong(9);
                Instant disabledAt = rs.wasNull() ? null : Instant.ofEpochMilli(disabled);
                clients.add(new OAuthClient(rs.getString(1), rs.getString(2), rs.getString(3), list(rs.getString(4)),
                        OAuthScopes.parse(rs.getString(5)), OAuthScopes.parse(rs.getString(6)),
                        Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), disabledAt, idTokenAlgorithm(rs.getString(10))));
            }
            return clients;
        }
    }

    // NULL: registered before the column existed, or without one; OpenID Connect's default is RS256.
    private static TokenAlgorithm idTokenAlgorithm(String stored) {
        return stored == null ? TokenAlgorithm.RS256 : TokenAlgorithm.valueOf(stored);
    }

    private static List<String> list(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.split(" "));
    }
}
