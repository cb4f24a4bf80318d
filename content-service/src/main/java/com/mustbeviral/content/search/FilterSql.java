package com.mustbeviral.content.search;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** A {@link SearchFilter} as SQL conditions on {@code c} (the content table), shared by every ranking. */
final class FilterSql {

    private FilterSql() {
    }

    static void append(SearchFilter filter, StringBuilder sql, List<Object> args) {
        if (filter.type() != null) {
            sql.append(" AND c.type = ?");
            args.add(filter.type());
        }
        if (filter.authorId() != null) {
            sql.append(" AND c.author_id = ?");
            args.add(filter.authorId());
        }
        if (filter.from() != null) {
            sql.append(" AND coalesce(c.published_at, c.created_at) >= ?");
            args.add(filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            sql.append(" AND coalesce(c.published_at, c.created_at) < ?");
            args.add(filter.to().toEpochMilli());
        }
        if (filter.tag() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM content_tags ct JOIN tags t ON t.id = ct.tag_id "
                    + "WHERE ct.content_id = c.id AND t.slug = ?)");
            args.add(filter.tag());
        }
    }

    static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
