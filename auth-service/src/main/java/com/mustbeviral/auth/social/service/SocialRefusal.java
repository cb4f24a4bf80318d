package com.mustbeviral.auth.social.service;

/**
 * Why a social login or link was refused once its state checked out. The app hears it at its
 * redirect_uri: {@code error} is the OAuth-style code in the fragment, and the whole of it is the
 * problem of a JSON answer.
 */
public record SocialRefusal(int status, String error, String title, String detail) {

    static SocialRefusal linkRequired(String provider) {
        return new SocialRefusal(409, "account_link_required", "Log in to link this account",
                "An account with this email exists, but " + provider + " does not vouch that the email is verified."
                        + " Log in to that account and link " + provider + " from there.");
    }

    static SocialRefusal emailUnverified() {
        return new SocialRefusal(403, "email_unverified", "Email not verified",
                "Verify your email address before linking other accounts to this one.");
    }

    static SocialRefusal accountDeleted() {
        return new SocialRefusal(403, "account_deleted", "Account deleted", "The account of this login was deleted.");
    }

    static SocialRefusal linkedElsewhere(String provider) {
        return new SocialRefusal(409, "account_linked_elsewhere", "Linked to another account",
                "This " + provider + " account already logs in to another account.");
    }

    static SocialRefusal providerAlreadyLinked(String provider) {
        return new SocialRefusal(409, "provider_already_linked", "Another account of this provider is linked",
                "The account already has a different " + provider + " account linked; unlink it first.");
    }
}
