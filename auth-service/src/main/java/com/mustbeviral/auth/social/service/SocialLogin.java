package com.mustbeviral.auth.social.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.session.service.TokenPair;
import com.mustbeviral.auth.social.LinkedAccount;
import com.mustbeviral.auth.social.client.AuthorizationRequest;
import com.mustbeviral.auth.social.client.ProviderException;
import com.mustbeviral.auth.social.client.ProviderIdentity;
import com.mustbeviral.auth.social.client.SocialProvider;
import com.mustbeviral.auth.social.client.SocialProviders;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The OAuth 2.0 authorization code flow towards Google, GitHub and X, ending in our own tokens. Start:
 * check the app's redirect_uri against the allow-list, make state, PKCE verifier and nonce, keep them
 * in Redis, send the browser to the provider. Callback: the state must be the one this browser
 * started (its cookie) and is used once; then the code is exchanged, the identity read, and
 * {@link SocialAccounts} decides who logs in.
 */
@ApplicationScoped
public class SocialLogin {

    private static final int MAX_APP_STATE = 512;

    private final SocialProviders providers;
    private final SocialLoginFlows flows;
    private final SocialAccounts accounts;
    private final List<String> allowedRedirects;
    private final String callbackBase;

    SocialLogin(SocialProviders providers, SocialLoginFlows flows, SocialAccounts accounts, AuthConfig config) {
        this.providers = providers;
        this.flows = flows;
        this.accounts = accounts;
        this.allowedRedirects = config.social().appRedirectUris().orElse(List.of());
        this.callbackBase = config.social().callbackBaseUri().orElse(config.issuer()).replaceFirst("/+$", "");
    }

    /** A started login: where to send the browser, and the state the browser must bring back (its cookie). */
    public record Started(URI authorizationUrl, String state) {
    }

    /** What the provider sent the browser back with, and the state the browser's cookie holds. */
    public record Callback(String code, String state, String error, String boundState) {
    }

    /** How a callback ended; each carries the flow, which says where and how the app hears of it. */
    public sealed interface Outcome {
        PendingSocialLogin flow();

        record LoggedIn(PendingSocialLogin flow, TokenPair tokens) implements Outcome {
        }

        record Linked(PendingSocialLogin flow, LinkedAccount account) implements Outcome {
        }

        record Refused(PendingSocialLogin flow, SocialRefusal refusal) implements Outcome {
        }
    }

    /**
     * Starts a login, or a link to {@code linkTo} when it is not null.
     *
     * @throws Refusal for an unknown or unconfigured provider, a redirect_uri not allowed, an invalid
     *         response_mode or state, or a provider that cannot be reached
     */
    public Started start(String providerId, String appRedirectUri, String responseMode, String appState, UUID linkTo) {
        SocialProvider provider = provider(providerId);
        if (appRedirectUri == null || !allowedRedirects.contains(appRedirectUri)) {
            throw new Refusal(AuthRefusal.REDIRECT_URI_NOT_ALLOWED,
                    "redirect_uri must be one of the app URLs registered with this service, exactly.");
        }
        ResponseMode mode = ResponseMode.fromWireName(responseMode).orElseThrow(
                () -> new Refusal(AuthRefusal.INVALID_RESPONSE_MODE, "response_mode is fragment or json."));
        if (appState != null && appState.length() > MAX_APP_STATE) {
            throw new Refusal(AuthRefusal.APP_STATE_TOO_LONG, "state is at most " + MAX_APP_STATE + " characters.");
        }
        String state = RandomTokens.next();
        String verifier = RandomTokens.next();
        String nonce = RandomTokens.next();
        URI url;
        try {
            url = provider.authorizationUrl(new AuthorizationRequest(callbackUri(providerId), state, nonce,
                    Sha256.pkceChallenge(verifier)));
        } catch (ProviderException e) {
            throw new Refusal(AuthRefusal.PROVIDER_UNAVAILABLE, "Could not reach " + providerId + "; try again shortly.");
        }
        flows.save(state, new PendingSocialLogin(providerId, verifier, nonce, appRedirectUri, mode, appState, linkTo));
        return new Started(url, state);
    }

    /**
     * Completes a login at the callback. A missing, foreign, replayed or expired state is refused
     * here: without a trusted flow there is no app URL to answer to. Anything after that is an
     * outcome for the app.
     */
    public Outcome complete(String providerId, Callback callback, String ip, String userAgent) throws SQLException {
        SocialProvider provider = provider(providerId);
        PendingSocialLogin flow = takeFlow(providerId, callback);
        if (callback.error() != null) {
            return new Outcome.Refused(flow, providerError(providerId, callback.error()));
        }
        if (callback.code() == null || callback.code().isBlank()) {
            return new Outcome.Refused(flow, new SocialRefusal(400, "invalid_request", "No authorization code",
                    providerId + " sent no authorization code."));
        }
        ProviderIdentity identity;
        try {
            identity = provider.identify(callback.code(), flow.codeVerifier(), flow.nonce(), callbackUri(providerId));
        } catch (ProviderException e) {
            return new Outcome.Refused(flow, providerFailure(e));
        }
        try {
            if (flow.linkTo() != null) {
                return new Outcome.Linked(flow, accounts.linkTo(flow.linkTo(), identity));
            }
            return new Outcome.LoggedIn(flow, accounts.logIn(identity, ip, userAgent));
        } catch (SocialLoginRefused e) {
            return new Outcome.Refused(flow, e.refusal());
        }
    }

    /** The configured provider with this id. */
    public SocialProvider provider(String id) {
        return providers.enabled(id).orElseThrow(
                () -> new Refusal(AuthRefusal.UNKNOWN_PROVIDER, "There is no social login with " + id + "."));
    }

    private PendingSocialLogin takeFlow(String providerId, Callback callback) {
        String state = callback.state();
        if (state == null || state.isEmpty()) {
            throw invalidState("The callback has no state.");
        }
        // Bound to the browser that started the login: a callback forwarded to someone else (login CSRF) fails here.
        if (callback.boundState() == null || !MessageDigest.isEqual(callback.boundState().getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw invalidState("This browser did not start the login of this state.");
        }
        PendingSocialLogin flow = flows.take(state)
                .orElseThrow(() -> invalidState("The state is unknown, expired or already used."));
        if (!flow.provider().equals(providerId)) {
            throw invalidState("The state belongs to a login with another provider.");
        }
        return flow;
    }

    private static SocialRefusal providerError(String providerId, String error) {
        // The code is passed on only when it looks like one (RFC 6749 section 4.1.2.1); the text is ours.
        String code = error.matches("[a-z_]{1,64}") ? error : "server_error";
        if (code.equals("access_denied")) {
            return new SocialRefusal(403, code, "Login cancelled", "The login was cancelled or refused at " + providerId + ".");
        }
        return new SocialRefusal(400, code, "Login failed at the provider", providerId + " answered with error " + code + ".");
    }

    private static SocialRefusal providerFailure(ProviderException e) {
        return switch (e.kind()) {
            case REJECTED -> new SocialRefusal(400, "invalid_grant", "Login not accepted",
                    e.provider() + " did not accept the authorization code; start the login again.");
            case UNAVAILABLE -> new SocialRefusal(502, "temporarily_unavailable", "Provider unavailable",
                    e.provider() + " did not answer; try again shortly.");
            case UNTRUSTED -> new SocialRefusal(502, "invalid_provider_response", "Identity not verified",
                    e.provider() + " answered with an identity that could not be verified.");
        };
    }

    private String callbackUri(String providerId) {
        return callbackBase + "/api/auth/oauth/" + providerId + "/callback";
    }

    private static Refusal invalidState(String detail) {
        return new Refusal(AuthRefusal.INVALID_STATE, detail);
    }
}
