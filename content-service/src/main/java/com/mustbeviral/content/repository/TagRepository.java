package com.mustbeviral.content.repository;

import com.mustbeviral.content.Content;
import com.mustbeviral.content.Tag;
import com.mustbeviral.platform.sqlite.StatementCache;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tags table and content_tags, the many-to-many link. */
@ApplicationScoped
public class TagRepository {

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
     * new, unlinks the gone (a tag keeps its first display name). When the piece {@code counts} (see
     * {@link Content#countsForTags()}), the linked tags gain it and the unlinked ones lose it.
     */
    public void replace(String contentId, Map<String, String> tags, boolean counts, long now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> old = new HashMap<>();
            try (PreparedStatement linked = c.prepareStatement(
                    "SELECT t.slug, t.id FROM content_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.content_id = ?")) {
                linked.setString(1, contentId);
                try (ResultSet rs = linked.executeQuery()) {
                    while (rs.next()) {
                        old.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            try (PreparedStatement unlink = c.prepareStatement("DELETE FROM content_tags WHERE content_id = ? AND tag_id = ?");
                    PreparedStatement lose = c.prepareStatement("UPDATE tags SET usage_count = usage_count - 1 WHERE id = ?")) {
                for (var gone : old.entrySet()) {
                    if (tags.containsKey(gone.getKey())) {
                        continue;
                    }
                    unlink.setString(1, contentId);
                    unlink.setString(2, gone.getValue());
                    unlink.executeUpdate();
                    if (counts) {
                        lose.setString(1, gone.getValue());
                        lose.executeUpdate();
                    }
                }
            }
            try (PreparedStatement create = c.prepareStatement("INSERT INTO tags (id, name, slug, usage_count, created_at) "
                    + "VALUES (?, ?, ?, 0, ?) ON CONFLICT (slug) DO NOTHING");
                    PreparedStatement link = c.prepareStatement("INSERT INTO content_tags (content_id, tag_id, tagged_at) "
                            + "SELECT ?, id, ? FROM tags WHERE slug = ?");
                    PreparedStatement gain = c.prepareStatement("UPDATE tags SET usage_count = usage_count + 1 WHERE slug = ?")) {
                for (var tag : tags.entrySet()) {
                    if (old.containsKey(tag.getKey())) {
                        continue;
                    }
                    createAndLink(create, link, contentId, tag.getKey(), tag.getValue(), now);
                    if (counts) {
                        gain.setString(1, tag.getKey());
                        gain.executeUpdate();
                    }
                }
            }
        }
    }

    /**
     * The piece linked to the tag {@code slug}, which is created first if it does not exist. The link is
     * tried first: most tags exist already, and then one statement does it. This runs on the one
     * writer's turn of every create, where the tags' statements took a quarter of its CPU (profiled),
     * and a create-if-missing that finds the tag costs half of what the link does.
     */
    private static void createAndLink(PreparedStatement create, PreparedStatement link, String contentId, String slug,
            String name, long now) throws SQLException {
        if (insertLink(link, contentId, slug, now) > 0) {
            return;
        }
        create.setString(1, UUID.randomUUID().toString());
        create.setString(2, name);
        create.setString(3, slug);
        create.setLong(4, now);
        create.executeUpdate();
        insertLink(link, contentId, slug, now);
    }

    /** One link of the piece to the tag {@code slug}; 0 when there is no such tag. */
    private static int insertLink(PreparedStatement link, String contentId, String slug, long now) throws SQLException {
        link.setString(1, contentId);
        link.setLong(2, now);
        link.setString(3, slug);
        return link.executeUpdate();
    }

    /**
     * Links a new piece (which has no tags yet and does not count: a draft or pending review) to
     * {@code tags} (slug → display name), creating the missing ones: {@link #replace} without reading
     * the links a new piece cannot have, as this runs on the one writer's turn of every create.
     */
    public void link(String contentId, Map<String, String> tags, long now) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement create = StatementCache.prepared(c, "INSERT INTO tags (id, name, slug, usage_count, created_at) "
                    + "VALUES (?, ?, ?, 0, ?) ON CONFLICT (slug) DO NOTHING");
            PreparedStatement link = StatementCache.prepared(c, "INSERT INTO content_tags (content_id, tag_id, tagged_at) "
                    + "SELECT ?, id, ? FROM tags WHERE slug = ?");
            for (var tag : tags.entrySet()) {
                createAndLink(create, link, contentId, tag.getKey(), tag.getValue(), now);
            }
        }
    }

    /**
     * Keeps usage counts exact when a piece starts or stops counting (published, deleted, archived,
     * flagged): each of its tags gains or loses one. Incremental, in the transaction of the change,
     * so the cost does not grow with a tag's popularity (a recount from the links did: README).
     */
    public void countsChanged(Content before, Content after) throws SQLException {
        shift(after.id(), Boolean.compare(after.countsForTags(), before.countsForTags()));
    }

    /** Each tag of a piece gains ({@code +1}) or loses ({@code -1}) it; 0 changes nothing. */
    public void shift(String contentId, int delta) throws SQLException {
        if (delta == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE tags SET usage_count = usage_count + ? WHERE id IN (SELECT tag_id FROM content_tags WHERE content_id = ?)")) {
            ps.setInt(1, delta);
            ps.setString(2, contentId);
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

    /** Slugs of the tags of each of {@code contentIds} (those without tags are absent), in slug order. */
    public Map<String, List<String>> slugsOf(List<String> contentIds) throws SQLException {
        Map<String, List<String>> slugs = new HashMap<>();
        if (contentIds.isEmpty()) {
            return slugs;
        }
        String sql = "SELECT ct.content_id, t.slug FROM content_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.content_id IN ("
                + String.join(",", java.util.Collections.nCopies(contentIds.size(), "?")) + ") ORDER BY t.slug";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < contentIds.size(); i++) {
                ps.setString(i + 1, contentIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slugs.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return slugs;
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
