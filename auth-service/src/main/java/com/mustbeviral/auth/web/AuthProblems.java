package com.mustbeviral.auth.web;

import static com.mustbeviral.platform.problem.ProblemType.named;
import static com.mustbeviral.platform.problem.ProblemType.plain;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.service.LoginThrottled;
import com.mustbeviral.auth.account.service.MailThrottled;
import com.mustbeviral.auth.social.service.SocialRefusal;
import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.ProblemCatalogue;
import com.mustbeviral.platform.problem.ProblemType;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * auth's problem types: the answer to each {@link AuthRefusal}, and to a social login refused in
 * JSON mode. The only place in auth where a problem type URI is written. The switch has no default,
 * so a new reason does not compile until it has its type here.
 */
@Singleton
public class AuthProblems implements ProblemCatalogue {

    @Override
    public ProblemType typeOf(Enum<?> reason) {
        if (!(reason instanceof AuthRefusal refusal)) {
            throw new IllegalArgumentException("Not a reason of auth: " + reason);
        }
        return switch (refusal) {
            case ROLE_NOT_ALLOWED -> named("role-not-allowed", 403, "Role not allowed");
            case ACCOUNT_EXISTS -> named("account-exists", 409, "Account exists");
            case LOGIN_THROTTLED -> plain(429, "Too many failed logins");
            case INVALID_CREDENTIALS -> plain(401, "Invalid credentials");
            case PASSWORD_CHANGE_REQUIRED -> named("password-change-required", 403, "Password change required");
            case INVALID_LINK -> named("invalid-link", 400, "Invalid or expired link");
            case EMAIL_ALREADY_VERIFIED -> named("email-already-verified", 409, "Email already verified");
            case MAIL_THROTTLED -> plain(429, "Too many mails");
            case WRONG_CURRENT_PASSWORD -> named("wrong-current-password", 403, "Wrong current password");
            case EMAIL_UNVERIFIED -> named("email-unverified", 403, "Email not verified");
            case INVALID_REFRESH_TOKEN -> plain(401, "Invalid refresh token");
            case NO_SUCH_SESSION -> plain(404, "No such session");
            case NO_SUCH_ACCOUNT -> plain(404, "No such account");
            case IF_MATCH_REQUIRED -> plain(428, "Precondition Required");
            case IF_MATCH_INVALID, METADATA_NOT_OBJECT -> plain(400, "Bad Request");
            case STALE_VERSION -> named("stale-version", 412, "Stale version");
            case METADATA_TOO_LARGE -> named("metadata-too-large", 400, "Metadata too large");
            case NOT_ADMIN -> named("not-admin", 403, "Not an admin");
            case SELF_DEMOTION -> named("self-demotion", 403, "Cannot demote yourself");
            case CHANGED_CONCURRENTLY -> plain(409, "Changed concurrently");
            case INVALID_CURSOR -> plain(400, "Invalid cursor");
            case INVALID_CLIENT_REGISTRATION -> named("invalid-client-registration", 400, "Invalid client registration");
            case NO_SUCH_CLIENT -> plain(404, "No such client");
            case INSUFFICIENT_SCOPE -> plain(403, "Insufficient scope");
            case GRANT_ENDED -> plain(401, "Grant ended");
            case UNKNOWN_PROVIDER -> named("unknown-provider", 404, "Unknown provider");
            case REDIRECT_URI_NOT_ALLOWED -> named("redirect-uri-not-allowed", 400, "redirect_uri not allowed");
            // Two ways a social login request is invalid: one type, a title that says which.
            case INVALID_RESPONSE_MODE -> named("invalid-social-login-request", 400, "Invalid response_mode");
            case APP_STATE_TOO_LONG -> named("invalid-social-login-request", 400, "state too long");
            case INVALID_STATE -> named("invalid-state", 400, "Invalid state");
            case INVALID_LOGIN_CODE -> named("invalid-login-code", 400, "Invalid login code");
            case SOCIAL_LOGIN_UNAVAILABLE -> plain(503, "Social login unavailable");
            case NOT_LINKED -> named("not-linked", 404, "Not linked");
            case LAST_LOGIN_METHOD -> named("last-login-method", 409, "Last way to log in");
            case PARTNER_TOKEN -> plain(403, "Not for partner tokens");
        };
    }

    @Override
    public Problem decorate(Problem problem, Refusal refusal) {
        if (refusal instanceof LoginThrottled throttled) {
            return problem.header("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        }
        if (refusal instanceof MailThrottled throttled) {
            return problem.header("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        }
        if (!(refusal.reason() instanceof AuthRefusal reason)) {
            return problem;
        }
        // RFC 6750 section 3: a refused bearer token says why in its challenge.
        return switch (reason) {
            case INSUFFICIENT_SCOPE -> problem.header(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"insufficient_scope\", scope=\"openid\"");
            case GRANT_ENDED -> problem.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            default -> problem;
        };
    }

    /**
     * The type of a social login refused after its state checked out, answered as a problem in JSON
     * mode: named after the OAuth-style {@code error} code the fragment mode sends (a provider's own
     * code included), so that both modes tell the app the same thing.
     */
    public static ProblemType socialLogin(SocialRefusal refusal) {
        return named(refusal.error().replace('_', '-'), refusal.status(), refusal.title());
    }
}
