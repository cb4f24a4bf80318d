package com.mustbeviral.auth.admin.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.admin.repository.UserSearchRepository.Position;
import com.mustbeviral.platform.problem.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** The opaque {@code cursor} of the user list: where the previous page ended, base64url-encoded. */
final class UserListCursor {

    private UserListCursor() {
    }

    static String encode(Position position) {
        String plain = position.createdAt().toEpochMilli() + ":" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; refused when it is not one this service issued. */
    static Position decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new Position(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                    UUID.fromString(plain.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Refusal(AuthRefusal.INVALID_CURSOR, "cursor must be the next_cursor of a previous page.");
        }
    }
}
