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

/** The tags table. */
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
            try (ResultSet rs = ps.executeQuery()) {
                List<Tag> tags = new ArrayList<>();
                while (rs.next()) {
                    tags.add(new Tag(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
                return tags;
            }
        }
    }
}
