package com.mustbeviral.content.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset position (a time in epoch ms and an id), opaque to clients: base64url of "time:id".
 * An unreadable cursor is a bad request, never a server error.
 */
public record Cursor(long at, String id) {

    /** Before everything when reading newest first. */
    public static final Cursor FIRST_DESCENDING = new Cursor(Long.MAX_VALUE, "~");
    /** Before everything when reading oldest first. */
    public static final Cursor FIRST_ASCENDING = new Cursor(Long.MIN_VALUE, "");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or null when absent; refuses what is not one of ours. */
    public static Cursor decode(String text) {
        if (text == null) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new com.mustbeviral.platform.problem.Refusal(ContentRefusal.BAD_CURSOR, "The cursor is not one this service gave.");
        }
    }
}
