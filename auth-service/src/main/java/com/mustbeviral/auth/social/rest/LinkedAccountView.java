package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.social.LinkedAccount;
import java.time.Instant;

/** A linked social account as its owner sees it. */
public record LinkedAccountView(String provider, String providerUserId, String providerUsername, String email,
        boolean emailVerified, Instant linkedAt) {

    static LinkedAccountView of(LinkedAccount link) {
        return new LinkedAccountView(link.provider(), link.providerUserId(), link.providerUsername(), link.email(),
                link.emailVerified(), link.linkedAt());
    }
}
