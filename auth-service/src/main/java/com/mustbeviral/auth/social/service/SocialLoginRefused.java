package com.mustbeviral.auth.social.service;

/** Thrown inside a social login's transaction to refuse it; nothing it wrote commits. */
public class SocialLoginRefused extends RuntimeException {

    private final transient SocialRefusal refusal;

    public SocialLoginRefused(SocialRefusal refusal) {
        super(refusal.detail(), null, false, false);
        this.refusal = refusal;
    }

    public SocialRefusal refusal() {
        return refusal;
    }
}
