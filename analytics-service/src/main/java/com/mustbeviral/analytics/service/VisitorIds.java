package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.repository.VisitorSaltRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Who counts as one unique visitor, without storing who they are. A signed-in user is their id,
 * hashed (so that erasure finds them again). An anonymous visitor is a hash of the day's random salt,
 * their address and their User-Agent, as Plausible does: the salt is deleted after its day, so no
 * hash can be linked back to an address, and the same visitor counts once per day.
 */
@ApplicationScoped
public class VisitorIds {

    private final VisitorSaltRepository salts;
    private volatile long saltDay = -1;
    private volatile String salt;

    VisitorIds(VisitorSaltRepository salts) {
        this.salts = salts;
    }

    public static String ofUser(UUID userId) {
        return "u:" + sha256("user:" + userId);
    }

    public String ofAnonymous(String address, String userAgent, Instant now) throws SQLException {
        return "a:" + sha256(saltOf(now) + "|" + address + "|" + (userAgent == null ? "" : userAgent));
    }

    private synchronized String saltOf(Instant now) throws SQLException {
        long day = now.truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        if (day != saltDay) {
            salt = salts.saltOf(day);
            saltDay = day;
        }
        return salt;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
