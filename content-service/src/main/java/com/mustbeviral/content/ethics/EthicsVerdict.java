package com.mustbeviral.content.ethics;

import java.util.List;
import java.util.Map;

/**
 * What the ethics and quality check concluded: the outcome, the overall score (the highest category
 * score, 0..1), the flags (category.signal with a readable detail) and the thresholds it judged by.
 */
public record EthicsVerdict(Outcome outcome, double score, List<Flag> flags, Map<String, Thresholds> thresholds) {

    public enum Outcome {
        /** Saved as a draft. */
        PASS,
        /** Saved, and sent to the moderation queue (pending_review). */
        REVIEW,
        /** Refused with the flags; nothing saved. */
        FAIL;

        /** The value of the content's {@code ethics_status} column. */
        public String stored() {
            return switch (this) {
                case PASS -> "passed";
                case REVIEW -> "flagged";
                case FAIL -> "failed";
            };
        }
    }

    /** One finding: {@code code} is category.signal, e.g. {@code personal_data.card_number}. */
    public record Flag(String category, String code, double score, String detail) {
    }

    /** A category's limits: at or above {@code review} the piece is reviewed, at or above {@code fail} refused. */
    public record Thresholds(double review, double fail) {
    }

    public List<String> codes() {
        return flags.stream().map(Flag::code).toList();
    }
}
