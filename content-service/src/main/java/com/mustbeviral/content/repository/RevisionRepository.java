package com.mustbeviral.content.repository;

import com.mustbeviral.platform.sqlite.StatementCache;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** content_revisions: every saved version of a piece, with who saved it, what changed and the whole state. */
@ApplicationScoped
public class RevisionRepository {

    /** One revision; {@code changedFields} and {@code snapshot} are JSON text. */
    public record Revision(String contentId, long version, String editorId, String changedFields, String snapshot,
            long createdAt) {
    }

    private final AgroalDataSource dataSource;

    RevisionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Revision r) throws SQLException {
        String sql = "INSERT INTO content_revisions (content_id, version, editor_id, changed_fields, snapshot, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement ps = StatementCache.prepared(c, sql);
            ps.setString(1, r.contentId());
            ps.setLong(2, r.version());
            ps.setString(3, r.editorId());
            ps.setString(4, r.changedFields());
            ps.setString(5, r.snapshot());
            ps.setLong(6, r.createdAt());
            ps.executeUpdate();
        }
    }

    /** Revisions of a piece, newest first, below {@code beforeVersion}. */
    public List<Revision> list(String contentId, long beforeVersion, int limit) throws SQLException {
        return query("SELECT content_id, version, editor_id, changed_fields, snapshot, created_at FROM content_revisions "
                + "WHERE content_id = ? AND version < ? ORDER BY version DESC LIMIT ?", contentId, beforeVersion, limit);
    }

    public Optional<Revision> find(String contentId, long version) throws SQLException {
        return query("SELECT content_id, version, editor_id, changed_fields, snapshot, created_at FROM content_revisions "
                + "WHERE content_id = ? AND version = ?", contentId, version).stream().findFirst();
    }

    private List<Revision> query(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Revision> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Revision(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6)));
                }
                return rows;
            }
        }
    }
}
