package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.platform.problem.Refusal;

/**
 * A login refused by the throttle, and when to try again. The wait is a {@code Retry-After} header,
 * not a member of the problem, so it is kept here rather than as a fact.
 */
public class LoginThrottled extends Refusal {

    private final long retryAfterSeconds;

    public LoginThrottled(long retryAfterSeconds) {
        super(AuthRefusal.LOGIN_THROTTLED, "Try again later.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
