package com.mustbeviral.audit.service;

import com.mustbeviral.audit.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash of one audit record: SHA-256 over the previous hash and the record's fields. */
final class ChainHash {

    private ChainHash() {
    }

    static String of(String prevHash, ReceivedEvent event) {
        // Length-prefixed fields: no two different records can produce the same input.
        StringBuilder input = new StringBuilder(prevHash);
        for (String field : new String[] { event.id(), event.type(), event.source(), event.subject(),
                String.valueOf(event.time().toEpochMilli()), event.payload() }) {
            String value = field == null ? "" : field;
            input.append('|').append(value.length()).append(':').append(value);
        }
        return HexFormat.of().formatHex(sha256(input.toString()));
    }

    private static byte[] sha256(String input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
