package com.mustbeviral.auth.social.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.session.service.TokenPair;
import com.mustbeviral.auth.social.LinkedAccount;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Our side of a social login; quarkus-oidc does the protocol (redirect, state, PKCE, nonce, code
 * exchange, ID token and UserInfo checks). Start: check the app's redirect_uri against the
 * allow-list and keep where the app hears of the result, under a handle the browser holds in a
 * cookie. After the provider answered: end that flow (once), let {@link SocialAccounts} decide who
 * logs in or links, and hand the app a one-time code (or, in JSON mode, the tokens in the body).
 */
@ApplicationScoped
public class SocialLogin {

    private static final int MAX_APP_STATE = 512;

    private final SocialProviders providers;
    private final SocialLoginFlows flows;
    private final SocialAccounts accounts;
    private final LoginCodes codes;
    private final List<String> allowedRedirects;

    SocialLogin(SocialProviders providers, SocialLoginFlows flows, SocialAccounts accounts, LoginCodes codes,
            AuthConfig config) {
        this.providers = providers;
        this.flows = flows;
        this.accounts = accounts;
        this.codes = codes;
        this.allowedRedirects = config.social().appRedirectUris().orElse(List.of());
    }

    /** How a flow ended; each carries the flow, which says where and how the app hears of it. */
    public sealed interface Outcome {
        PendingSocialLogin flow();

        /** Logged in, JSON mode: the tokens go in the answer's body. */
        record LoggedIn(PendingSocialLogin flow, TokenPair tokens) implements Outcome {
        }

        /** Logged in, fragment mode: the app exchanges this one-time code for the tokens. */
        record CodeIssued(PendingSocialLogin flow, String code) implements Outcome {
        }

        record Linked(PendingSocialLogin flow, LinkedAccount account) implements Outcome {
        }

        record Refused(PendingSocialLogin flow, SocialRefusal refusal) implements Outcome {
        }
    }

    /**
     * Starts a login, or a link to {@code linkTo} when it is not null; answers the handle the
     * browser must bring back.
     *
     * @throws Refusal for an unknown or unconfigured provider, a redirect_uri not allowed, an invalid
     *         response_mode or state
     */
    public String start(String providerId, String appRedirectUri, String responseMode, String appState, UUID linkTo) {
        requireEnabled(providerId);
        if (appRedirectUri == null || !allowedRedirects.contains(appRedirectUri)) {
            throw new Refusal(AuthRefusal.REDIRECT_URI_NOT_ALLOWED,
                    "redirect_uri must be one of the app URLs registered with this service, exactly.");
        }
        ResponseMode mode = ResponseMode.fromWireName(responseMode).orElseThrow(
                () -> new Refusal(AuthRefusal.INVALID_RESPONSE_MODE, "response_mode is fragment or json."));
        if (appState != null && appState.length() > MAX_APP_STATE) {
            throw new Refusal(AuthRefusal.APP_STATE_TOO_LONG, "state is at most " + MAX_APP_STATE + " characters.");
        }
        String handle = RandomTokens.next();
        flows.save(handle, new PendingSocialLogin(providerId, appRedirectUri, mode, appState, linkTo));
        return handle;
    }

    /**
     * Checks that this browser started a link with this provider (from a signed-in account) before it
     * goes to the provider: a link is started by the API and continued by the browser.
     */
    public void requireStartedLink(String providerId, String handle) {
        requireEnabled(providerId);
        PendingSocialLogin flow = handle == null ? null : flows.peek(handle).orElse(null);
        if (flow == null || flow.linkTo() == null || !flow.provider().equals(providerId)) {
            throw new Refusal(AuthRefusal.REDIRECT_URI_NOT_ALLOWED,
                    "redirect_uri must be one of the app URLs registered with this service, exactly.");
        }
    }

    /**
     * Ends the flow of this browser. Missing, expired, already ended or of another provider: refused
     * here, since without a trusted flow there is no app URL to answer to.
     */
    public PendingSocialLogin end(String providerId, String handle) {
        PendingSocialLogin flow = (handle == null || handle.isEmpty() ? null : flows.take(handle).orElse(null));
        if (flow == null) {
            throw new Refusal(AuthRefusal.INVALID_STATE,
                    "This browser has no open login with " + providerId + ": it was never started, expired or already ended.");
        }
        if (!flow.provider().equals(providerId)) {
            throw new Refusal(AuthRefusal.INVALID_STATE, "The open login of this browser is with another provider.");
        }
        return flow;
    }

    /** What the provider's verified identity leads to for this flow. */
    public Outcome complete(PendingSocialLogin flow, ProviderIdentity identity, String ip, String userAgent)
            throws SQLException {
        try {
            if (flow.linkTo() != null) {
                return new Outcome.Linked(flow, accounts.linkTo(flow.linkTo(), identity));
            }
            UUID userId = accounts.logIn(identity);
            if (flow.responseMode() == ResponseMode.JSON) {
                return new Outcome.LoggedIn(flow, accounts.startSession(userId, ip, userAgent));
            }
            return new Outcome.CodeIssued(flow, codes.issue(new LoginCodes.Grant(userId, ip, userAgent)));
        } catch (SocialLoginRefused e) {
            return new Outcome.Refused(flow, e.refusal());
        }
    }

    /**
     * Our tokens for a one-time code.
     *
     * @throws Refusal when the code is unknown, expired or used, or its account was deleted since
     */
    public TokenPair redeem(String code) throws SQLException {
        LoginCodes.Grant grant = (code == null || code.isEmpty() ? null : codes.redeem(code).orElse(null));
        if (grant == null) {
            throw new Refusal(AuthRefusal.INVALID_LOGIN_CODE, "The code is unknown, expired or already used.");
        }
        try {
            return accounts.startSession(grant.userId(), grant.ip(), grant.userAgent());
        } catch (SocialLoginRefused e) {
            throw new Refusal(AuthRefusal.INVALID_LOGIN_CODE, e.refusal().detail());
        }
    }

    /** The refusal the app hears when the provider answered with an error instead of a login. */
    public static SocialRefusal providerError(String providerId, String error) {
        // The code is passed on only when it looks like one (RFC 6749 section 4.1.2.1); the text is ours.
        String code = error != null && error.matches("[a-z_]{1,64}") ? error : "server_error";
        if (code.equals("access_denied")) {
            return new SocialRefusal(403, code, "Login cancelled", "The login was cancelled or refused at " + providerId + ".");
        }
        return new SocialRefusal(400, code, "Login failed at the provider", providerId + " answered with error " + code + ".");
    }

    private void requireEnabled(String providerId) {
        if (!providers.enabled(providerId)) {
            throw new Refusal(AuthRefusal.UNKNOWN_PROVIDER, "There is no social login with " + providerId + ".");
        }
    }
}
