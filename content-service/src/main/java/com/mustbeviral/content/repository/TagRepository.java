package com.mustbeviral.content.repository;

import com.mustbeviral.content.Tag;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tags table and content_tags, the many-to-many link. */
@ApplicationScoped
public class TagRepository {

    // Exact by construction: recounted from the links in the transaction that changes them or a status.
    private static final String RECOUNT = "UPDATE tags SET usage_count = (SELECT COUNT(*) FROM content_tags ct "
            + "JOIN content c ON c.id = ct.content_id WHERE ct.tag_id = tags.id AND c.status = 'published' "
            + "AND c.deleted_at IS NULL) WHERE id IN (SELECT tag_id FROM content_tags WHERE content_id = ?)";

    private final AgroalDataSource dataSource;

    TagRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} tags in slug order, starting after {@code afterSlug} (keyset pagination). */
    public List<Tag> page(String afterSlug, int limit) throws SQLException {
        String sql = "SELECT id, name, slug, usage_count FROM tags WHERE slug > ? ORDER BY slug LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, afterSlug);
            ps.setInt(2, limit);
            return tags(ps);
        }
    }

    /**
     * Makes {@code tags} (slug → display name) the tags of a piece: creates the missing ones, links the
     * new, unlinks the gone (a tag keeps its first display name), then recounts usage of every tag involved.
     */
    public void replace(String contentId, Map<String, String> tags, long now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement oldTags = c.prepareStatement(
                    "SELECT tag_id FROM content_tags WHERE content_id = ?")) {
                oldTags.setString(1, contentId);
                List<String> old = new ArrayList<>();
                try (ResultSet rs = oldTags.executeQuery()) {
                    while (rs.next()) {
                        old.add(rs.getString(1));
                    }
                }
                try (PreparedStatement unlink = c.prepareStatement("DELETE FROM content_tags WHERE content_id = ?")) {
                    unlink.setString(1, contentId);
                    unlink.executeUpdate();
                }
                try (PreparedStatement create = c.prepareStatement("INSERT INTO tags (id, name, slug, usage_count, created_at) "
                        + "VALUES (?, ?, ?, 0, ?) ON CONFLICT (slug) DO NOTHING");
                        PreparedStatement link = c.prepareStatement("INSERT INTO content_tags (content_id, tag_id, tagged_at) "
                                + "SELECT ?, id, ? FROM tags WHERE slug = ?")) {
                    for (var tag : tags.entrySet()) {
                        create.setString(1, UUID.randomUUID().toString());
                        create.setString(2, tag.getValue());
                        create.setString(3, tag.getKey());
                        create.setLong(4, now);
                        create.executeUpdate();
                        link.setString(1, contentId);
                        link.setLong(2, now);
                        link.setString(3, tag.getKey());
                        link.executeUpdate();
                    }
                }
                // The unlinked tags lose this piece from their count.
                try (PreparedStatement recountOld = c.prepareStatement("UPDATE tags SET usage_count = (SELECT COUNT(*) "
                        + "FROM content_tags ct JOIN content c ON c.id = ct.content_id WHERE ct.tag_id = tags.id "
                        + "AND c.status = 'published' AND c.deleted_at IS NULL) WHERE id = ?")) {
                    for (String tagId : old) {
                        recountOld.setString(1, tagId);
                        recountOld.executeUpdate();
                    }
                }
            }
            recount(c, contentId);
        }
    }

    /** Recounts the tags of a piece whose status or deletion changed. */
    public void recount(String contentId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            recount(c, contentId);
        }
    }

    private static void recount(Connection c, String contentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECOUNT)) {
            ps.setString(1, contentId);
            ps.executeUpdate();
        }
    }

    /** Slugs of a piece's tags, in slug order. */
    public List<String> slugsOf(String contentId) throws SQLException {
        String sql = "SELECT t.slug FROM content_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.content_id = ? ORDER BY t.slug";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> slugs = new ArrayList<>();
                while (rs.next()) {
                    slugs.add(rs.getString(1));
                }
                return slugs;
            }
        }
    }

    /** Tags by how many published public pieces tagged since {@code since} carry them; their total usage as the count. */
    public List<Tag> trending(long since, int limit) throws SQLException {
        String sql = "SELECT t.id, t.name, t.slug, t.usage_count FROM tags t JOIN content_tags ct ON ct.tag_id = t.id "
                + "JOIN content c ON c.id = ct.content_id WHERE c.status = 'published' AND c.visibility = 'public' "
                + "AND c.deleted_at IS NULL AND c.published_at >= ? GROUP BY t.id, t.name, t.slug, t.usage_count "
                + "ORDER BY COUNT(*) DESC, t.slug LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since);
            ps.setInt(2, limit);
            return tags(ps);
        }
    }

    private static List<Tag> tags(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Tag> tags = new ArrayList<>();
            while (rs.next()) {
                tags.add(new Tag(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
            return tags;
        }
    }
}
