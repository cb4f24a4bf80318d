package com.mustbeviral.auth.refresh;

import com.mustbeviral.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The one rotation rule of a refresh-token family, user session or partner grant alike: the current
 * generation rotates; the generation rotated just before may come back within the grace window (a
 * client that lost the answer, or two tabs refreshing at once) while a grace use is left, and rotates
 * the family again; anything else is a reuse, and the caller revokes the family. The callers keep
 * their own storage and outcomes.
 */
@ApplicationScoped
public class RefreshRotation {

    /** What a presented refresh token is. */
    public enum Verdict {
        CURRENT, GRACE, REUSE;

        public boolean rotates() {
            return this != REUSE;
        }
    }

    /** Spends one grace use of the presented token if fewer than {@code maxUses} are spent; false otherwise. */
    @FunctionalInterface
    public interface GraceUse {
        boolean spend(int maxUses) throws SQLException;
    }

    private final Duration graceWindow;
    private final int graceUses;

    @Inject
    RefreshRotation(AuthConfig config) {
        this(config.tokens().refreshGraceWindow(), config.tokens().refreshGraceUses());
    }

    public RefreshRotation(Duration graceWindow, int graceUses) {
        this.graceWindow = graceWindow;
        this.graceUses = graceUses;
    }

    /**
     * Judges a presented token of generation {@code presented} against the family's {@code current}
     * one; {@code rotatedAt} is when the presented token was rotated (null while current). A grace
     * use is spent only when everything else allows the grace, so a reuse never spends one.
     */
    public Verdict judge(int presented, int current, Instant rotatedAt, Instant now, GraceUse grace) throws SQLException {
        if (presented == current) {
            return Verdict.CURRENT;
        }
        boolean inGrace = presented == current - 1
                && rotatedAt != null
                && rotatedAt.plus(graceWindow).isAfter(now)
                && grace.spend(graceUses);
        return inGrace ? Verdict.GRACE : Verdict.REUSE;
    }
}
