package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.platform.problem.Refusal;

/** A resend refused because the account had its share of mail lately, and when to ask again ({@code Retry-After}). */
public class MailThrottled extends Refusal {

    private final long retryAfterSeconds;

    public MailThrottled(long retryAfterSeconds) {
        super(AuthRefusal.MAIL_THROTTLED, "Too many mails were sent to this account lately. Try again later.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
