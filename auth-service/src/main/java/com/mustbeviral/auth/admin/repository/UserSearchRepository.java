package com.mustbeviral.auth.admin.repository;

import com.mustbeviral.auth.account.Profile;
import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.account.repository.ProfileRepository;
import com.mustbeviral.auth.pii.EmailIndex;
import com.mustbeviral.auth.pii.PiiCipher;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Live accounts newest first, optionally by role and by a search text matching the start of a
 * username or a whole email address (any case), one page at a time. Emails are stored encrypted, so
 * only an exact address can be found, through its blind index; a prefix of one finds nothing. Pages
 * are keyset-paginated on (created_at, id), both descending, which the partial indexes of V3 serve
 * without a sort.
 */
@ApplicationScoped
public class UserSearchRepository {

    /** Where a page ends: the next page starts strictly after it. */
    public record Position(Instant createdAt, UUID id) {
    }

    private final AgroalDataSource dataSource;
    private final PiiCipher cipher;
    private final EmailIndex emailIndex;

    UserSearchRepository(AgroalDataSource dataSource, PiiCipher cipher, EmailIndex emailIndex) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.emailIndex = emailIndex;
    }

    /**
     * Up to {@code limit} accounts after {@code after} (null: from the newest).
     *
     * @param text matched against the start of the username or the whole email, any case; null for all
     * @param role only accounts with this role; null for all
     */
    public List<Profile> search(String text, Role role, Position after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + ProfileRepository.COLUMNS + " FROM users WHERE deleted_at IS NULL");
        List<Object> args = new ArrayList<>();
        if (role != null) {
            sql.append(" AND role = ?");
            args.add(role.wireName());
        }
        if (text != null) {
            // A range on the lower-cased username, not LIKE: it uses its unique index, and holds on
            // PostgreSQL too given a "C" collation on that column (byte order = code point order).
            String low = text.toLowerCase(Locale.ROOT);
            sql.append(" AND ((username_normalized >= ? AND username_normalized < ?) OR email_index = ?)");
            args.add(low);
            args.add(successor(low));
            args.add(emailIndex.of(text));
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(after.createdAt().toEpochMilli());
            args.add(after.id().toString());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Profile> page = new ArrayList<>();
                while (rs.next()) {
                    page.add(ProfileRepository.read(rs, cipher));
                }
                return page;
            }
        }
    }

    /** The smallest string greater than every string starting with {@code prefix}. */
    static String successor(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        int last = codePoints.length - 1;
        int next = codePoints[last] + 1;
        // Skip the surrogate block: those are not characters and cannot be encoded.
        codePoints[last] = next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE
                ? Character.MAX_SURROGATE + 1 : next;
        return new String(codePoints, 0, codePoints.length);
    }
}
