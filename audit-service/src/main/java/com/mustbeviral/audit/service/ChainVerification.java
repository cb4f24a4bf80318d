package com.mustbeviral.audit.service;

/** Outcome of verifying the audit chain: intact, or the position of the first record that does not match. */
public record ChainVerification(boolean valid, long entries, String lastHash, Long brokenAtSeq) {

    static ChainVerification intact(long entries, String lastHash) {
        return new ChainVerification(true, entries, lastHash, null);
    }

    static ChainVerification brokenAt(long seq, long entriesBefore) {
        return new ChainVerification(false, entriesBefore, null, seq);
    }
}
