package com.mustbeviral.auth.mail;

import com.mustbeviral.auth.account.LinkPurpose;
import com.mustbeviral.auth.account.User;
import io.quarkus.mailer.Mail;
import java.time.Duration;

/**
 * The text of each mail. The token travels in the link's fragment ({@code #token=}), which browsers
 * never send to a server: it stays out of access logs and Referer headers; the app's page posts it.
 */
final class AccountMails {

    private AccountMails() {
    }

    static Mail of(LinkPurpose kind, User user, String appBaseUri, String token, Duration ttl) {
        String base = appBaseUri.endsWith("/") ? appBaseUri.substring(0, appBaseUri.length() - 1) : appBaseUri;
        return switch (kind) {
            case VERIFY_EMAIL -> Mail.withText(user.email(), "Confirm your email address for Must Be Viral",
                    "Hello " + user.displayName() + ",\n\n"
                            + "Please confirm that this address is yours by opening this link:\n\n"
                            + base + "/verify-email#token=" + token + "\n\n"
                            + "It works once, for " + describe(ttl) + ". If you did not sign up, ignore this mail.\n");
            case RESET_PASSWORD -> Mail.withText(user.email(), "Reset your Must Be Viral password",
                    "Hello " + user.displayName() + ",\n\n"
                            + "Someone asked to reset the password of your account (" + user.username() + ")."
                            + " To choose a new password, open this link:\n\n"
                            + base + "/reset-password#token=" + token + "\n\n"
                            + "It works once, for " + describe(ttl) + ", and signs you out everywhere."
                            + " If it was not you, ignore this mail: your password stays as it is.\n");
        };
    }

    private static String describe(Duration ttl) {
        return ttl.toHours() >= 1 && ttl.toMinutesPart() == 0 ? ttl.toHours() + " hours" : ttl.toMinutes() + " minutes";
    }
}
