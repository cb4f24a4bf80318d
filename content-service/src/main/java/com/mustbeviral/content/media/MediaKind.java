package com.mustbeviral.content.media;

import java.util.Arrays;

/**
 * The media types accepted, recognised from their first bytes (the name and the client's
 * Content-Type are not trusted): JPEG, PNG, GIF, WebP images; MP4/QuickTime and WebM videos.
 */
public enum MediaKind {
    JPEG("image/jpeg", true), PNG("image/png", true), GIF("image/gif", true), WEBP("image/webp", true),
    MP4("video/mp4", false), WEBM("video/webm", false);

    public final String mediaType;
    public final boolean image;

    MediaKind(String mediaType, boolean image) {
        this.mediaType = mediaType;
        this.image = image;
    }

    /** The kind of these leading bytes (at least 12 are needed), or null when none of ours. */
    public static MediaKind sniff(byte[] head) {
        if (starts(head, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (starts(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (starts(head, 0, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (starts(head, 0, 'R', 'I', 'F', 'F') && starts(head, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (starts(head, 4, 'f', 't', 'y', 'p')) {
            return MP4;
        }
        if (starts(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return WEBM;
        }
        return null;
    }

    private static boolean starts(byte[] head, int at, int... expected) {
        if (head.length < at + expected.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(head, at, at + expected.length),
                toBytes(expected));
    }

    private static byte[] toBytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
