package com.mustbeviral.auth.social.provider;

/** A provider's answer we could not use (no answer, or one without who the person is): the login cannot complete. */
public class ProviderUnavailable extends RuntimeException {

    public ProviderUnavailable(String message) {
        super(message, null, false, false);
    }
}
