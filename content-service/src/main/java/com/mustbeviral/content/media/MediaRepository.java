package com.mustbeviral.content.media;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** media_assets, media_variants, media_jobs and media_garbage (V21). */
@ApplicationScoped
public class MediaRepository {

    private final AgroalDataSource dataSource;

    MediaRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A variant as stored. */
    public record Variant(String name, String storageKey, String mediaType, int width, int height, long sizeBytes, String sha256) {
    }

    /** Saves the asset and, for an image, its job for variants, in one transaction. */
    @jakarta.transaction.Transactional
    public void insert(MediaAsset a) throws SQLException {
        try (Connection conn = dataSource.getConnection()) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO media_assets (id, owner_id, content_id, storage_key, "
                    + "media_type, size_bytes, sha256, created_at, kind, width, height) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.id());
                ps.setString(2, a.ownerId());
                ps.setString(3, a.storageKey());
                ps.setString(4, a.mediaType());
                ps.setLong(5, a.sizeBytes());
                ps.setString(6, a.sha256());
                ps.setLong(7, a.createdAt());
                ps.setString(8, a.kind());
                setInt(ps, 9, a.width());
                setInt(ps, 10, a.height());
                ps.executeUpdate();
            }
            if ("image".equals(a.kind())) {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO media_jobs (media_id) VALUES (?)")) {
                    ps.setString(1, a.id());
                    ps.executeUpdate();
                }
            }
        }
    }

    public Optional<MediaAsset> find(String id) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
                "SELECT id, owner_id, content_id, storage_key, media_type, kind, size_bytes, sha256, width, height, created_at "
                        + "FROM media_assets WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MediaAsset(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), integer(rs, 9), integer(rs, 10),
                        rs.getLong(11)));
            }
        }
    }

    /** The content a media asset is attached to is readable by anyone (published, not private, not deleted). */
    public boolean publiclyVisible(String contentId) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
                "SELECT 1 FROM content WHERE id = ? AND status = 'published' AND visibility <> 'private' AND deleted_at IS NULL")) {
            ps.setString(1, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<Variant> variants(String mediaId) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
                "SELECT name, storage_key, media_type, width, height, size_bytes, sha256 FROM media_variants WHERE media_id = ? ORDER BY name")) {
            ps.setString(1, mediaId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Variant> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Variant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                            rs.getLong(6), rs.getString(7)));
                }
                return out;
            }
        }
    }

    public boolean delete(String id) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("DELETE FROM media_assets WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    public List<String> queuedImages(int limit) throws SQLException {
        return strings("SELECT media_id FROM media_jobs WHERE attempts < 5 ORDER BY rowid LIMIT ?", limit);
    }

    /** Saves the variants and drops the job in one transaction, unless the asset was deleted meanwhile. */
    @jakarta.transaction.Transactional
    public void saveVariants(String mediaId, List<Variant> variants) throws SQLException {
        try (Connection conn = dataSource.getConnection()) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO media_variants (media_id, name, storage_key, "
                    + "media_type, width, height, size_bytes, sha256) SELECT ?, ?, ?, ?, ?, ?, ?, ? "
                    + "WHERE EXISTS (SELECT 1 FROM media_assets WHERE id = ?)")) {
                for (Variant v : variants) {
                    ps.setString(1, mediaId);
                    ps.setString(2, v.name());
                    ps.setString(3, v.storageKey());
                    ps.setString(4, v.mediaType());
                    ps.setInt(5, v.width());
                    ps.setInt(6, v.height());
                    ps.setLong(7, v.sizeBytes());
                    ps.setString(8, v.sha256());
                    ps.setString(9, mediaId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM media_jobs WHERE media_id = ?")) {
                ps.setString(1, mediaId);
                ps.executeUpdate();
            }
        }
    }

    public void failed(String mediaId) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("UPDATE media_jobs SET attempts = attempts + 1 WHERE media_id = ?")) {
            ps.setString(1, mediaId);
            ps.executeUpdate();
        }
    }

    public List<String> garbage(int limit) throws SQLException {
        return strings("SELECT storage_key FROM media_garbage LIMIT ?", limit);
    }

    public void collected(String key) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("DELETE FROM media_garbage WHERE storage_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /** The user's plan from billing's entitlements, or null when billing has not spoken of them. */
    public String planOf(String userId) throws SQLException {
        List<String> plans = strings("SELECT plan FROM usage_entitlements WHERE user_id = ?", userId);
        return plans.isEmpty() ? null : plans.get(0);
    }

    private List<String> strings(String sql, Object arg) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
