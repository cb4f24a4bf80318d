package com.mustbeviral.auth;

import com.mustbeviral.auth.account.service.LoginThrottled;

/**
 * Why auth refuses what a caller asked: the reason of every {@link com.mustbeviral.platform.problem.Refusal}
 * it raises. The REST layer's catalogue turns each into its problem type; a reason without one does
 * not compile there.
 */
public enum AuthRefusal {

    // Sign-up and password login
    /** Registration asked for a role that only admins give. */
    ROLE_NOT_ALLOWED,
    /** The email or username of a sign-up is taken. */
    ACCOUNT_EXISTS,
    /** Too many failed logins for this account or address; thrown as {@link LoginThrottled}. */
    LOGIN_THROTTLED,
    /** Unknown account, deleted account or wrong password: one answer for all three. */
    INVALID_CREDENTIALS,

    /** The password is right, but the account must set a new one first (bootstrap admin): login with {@code new_password}. */
    PASSWORD_CHANGE_REQUIRED,

    // Email verification, password reset and change
    /** A verification or reset link that is unknown, used, replaced by a newer one, or expired. */
    INVALID_LINK,
    /** The account's email is verified already: no verification mail to resend. */
    EMAIL_ALREADY_VERIFIED,
    /** Too many mails of a kind for this account lately; thrown as {@link com.mustbeviral.auth.account.service.MailThrottled}. */
    MAIL_THROTTLED,
    /** A password change whose current password is wrong. */
    WRONG_CURRENT_PASSWORD,
    /** Linking a social account or letting a partner act needs a verified email. */
    EMAIL_UNVERIFIED,

    // Sessions
    /** The refresh token is unknown, expired, revoked or was already used. */
    INVALID_REFRESH_TOKEN,
    /** The caller has no live session with this id. */
    NO_SUCH_SESSION,

    // The caller's own account
    /** The account does not exist or was deleted. */
    NO_SUCH_ACCOUNT,
    /** A write without If-Match, or with {@code *}. */
    IF_MATCH_REQUIRED,
    /** An If-Match that is not a list of entity tags. */
    IF_MATCH_INVALID,
    /** The version in If-Match is not the stored one. */
    STALE_VERSION,
    /** metadata in a patch is neither an object nor null. */
    METADATA_NOT_OBJECT,
    /** metadata would be larger than allowed once merged. */
    METADATA_TOO_LARGE,

    // Admins
    /** The caller's account is no longer an admin, whatever its token says. */
    NOT_ADMIN,
    /** An admin tried to give themself another role. */
    SELF_DEMOTION,
    /** The account changed between the read and the write. */
    CHANGED_CONCURRENTLY,
    /** A list cursor this service did not issue, or that names nothing. */
    INVALID_CURSOR,

    // Partner clients (OAuth2 provider)
    /** A client registration that cannot be accepted as asked. */
    INVALID_CLIENT_REGISTRATION,
    /** No registered partner client has this id. */
    NO_SUCH_CLIENT,
    /** UserInfo asked with a token that is not a partner's with the openid scope. */
    INSUFFICIENT_SCOPE,
    /** The partner grant of the token was revoked or has expired. */
    GRANT_ENDED,

    // Social login, before the app's redirect_uri is trusted
    /** No social login with this provider is configured. */
    UNKNOWN_PROVIDER,
    /** The app's redirect_uri is not one of those registered. */
    REDIRECT_URI_NOT_ALLOWED,
    /** response_mode is neither fragment nor json. */
    INVALID_RESPONSE_MODE,
    /** The app's state is longer than it may be. */
    APP_STATE_TOO_LONG,
    /** A callback whose state is missing, foreign, replayed, expired or of another provider. */
    INVALID_STATE,
    /** A social login's one-time code that is unknown, expired or already exchanged. */
    INVALID_LOGIN_CODE,
    /** The store of started logins (Redis) does not answer. */
    SOCIAL_LOGIN_UNAVAILABLE,

    // Linked accounts
    /** No account of this provider is linked. */
    NOT_LINKED,
    /** Unlinking would leave the account without a way to log in. */
    LAST_LOGIN_METHOD,

    // The person's own endpoints
    /** A partner's token on an endpoint that serves only the person's own apps. */
    PARTNER_TOKEN
}
