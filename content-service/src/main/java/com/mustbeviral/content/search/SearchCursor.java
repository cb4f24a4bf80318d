package com.mustbeviral.content.search;

import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.platform.problem.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in one search's ranking, opaque to clients: the offset and a fingerprint of the query,
 * mode, filter and viewer, so that a cursor from another search is refused rather than misread.
 * Rankings are recomputed per page (bm25 and nearest neighbours have no stable keyset).
 */
record SearchCursor(int offset, String fingerprint) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((offset + ":" + fingerprint).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a cursor points at for this search: 0 without one. */
    static int offsetOf(String text, String fingerprint) {
        if (text == null) {
            return 0;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            int offset = Integer.parseInt(plain.substring(0, colon));
            if (offset < 0 || !plain.substring(colon + 1).equals(fingerprint)) {
                throw new IllegalArgumentException("another search's cursor");
            }
            return offset;
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new Refusal(ContentRefusal.BAD_CURSOR, "The cursor is not one this search gave.");
        }
    }

    static String fingerprint(String... parts) {
        return Integer.toHexString(String.join("\u0000", parts).hashCode());
    }
}
