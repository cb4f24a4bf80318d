package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.account.service.Login;
import com.mustbeviral.auth.account.service.LoginThrottled;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.partner.repository.AuthorizationCodeRepository;
import com.mustbeviral.auth.partner.repository.AuthorizationRequestRepository.Pending;
import com.mustbeviral.auth.partner.repository.AuthorizationRequestRepository;
import com.mustbeviral.auth.partner.repository.OAuthClientRepository;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.ConsentForm;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.ErrorPage;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.Redirect;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The authorization endpoint (RFC 6749 section 4.1, with PKCE S256 required): checks the client
 * and its exact redirect URI before anything may redirect, keeps the validated request until the
 * person decides on the consent page, and issues a single-use, short-lived code stored hashed.
 */
@ApplicationScoped
public class Authorization {

    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern BROWSER_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_STATE = 1024;
    private static final int MAX_NONCE = 256;
    // Redeemed codes are kept a while after expiry, so a late replay still revokes what they issued.
    private static final Duration CODE_RETENTION = Duration.ofDays(1);
    private static final String NO_REQUEST = "This authorization request is unknown, was already answered or has "
            + "expired. Go back to the application and start again.";

    private final OAuthClientRepository clients;
    private final AuthorizationRequestRepository requests;
    private final AuthorizationCodeRepository codes;
    private final Login login;
    private final AuthConfig config;
    private final Clock clock;

    Authorization(OAuthClientRepository clients, AuthorizationRequestRepository requests, AuthorizationCodeRepository codes,
            Login login, AuthConfig config, Clock clock) {
        this.clients = clients;
        this.requests = requests;
        this.codes = codes;
        this.login = login;
        this.config = config;
        this.clock = clock;
    }

    /** Validates an authorization request and, when it is sound, opens the consent page for it. */
    public AuthorizeOutcome start(FormParameters params, String browserCookie) throws SQLException {
        String clientId;
        String redirectUri;
        try {
            clientId = params.single("client_id");
            redirectUri = params.single("redirect_uri");
        } catch (OAuthError e) {
            return new ErrorPage(400, "Invalid authorization request", e.description());
        }
        Optional<OAuthClient> found = clientId == null ? Optional.empty()
                : clients.find(clientId).filter(c -> c.disabledAt() == null);
        if (found.isEmpty()) {
            return new ErrorPage(400, "Unknown application", "The application that sent you here is not registered.");
        }
        OAuthClient client = found.get();
        if (!client.registered(redirectUri)) {
            // Never redirect to an address the client did not register: that would be an open redirect.
            return new ErrorPage(400, "Invalid redirect address", "The redirect_uri of this request is not one that "
                    + client.name() + " registered, so you are not sent there.");
        }
        String state = null;
        try {
            state = params.single("state");
            if (state != null && state.length() > MAX_STATE) {
                return error(redirectUri, null, "invalid_request", "state is too long.");
            }
            return validated(client, redirectUri, state, params, browserCookie);
        } catch (OAuthError e) {
            return error(redirectUri, state, e.error(), e.description());
        }
    }

    private AuthorizeOutcome validated(OAuthClient client, String redirectUri, String state, FormParameters params,
            String browserCookie) throws SQLException {
        String responseType = params.required("response_type");
        if (!responseType.equals("code")) {
            return error(redirectUri, state, "unsupported_response_type", "Only response_type=code is supported.");
        }
        if (!client.allows(OAuthClient.AUTHORIZATION_CODE)) {
            return error(redirectUri, state, "unauthorized_client", "This client may not use the authorization code flow.");
        }
        Set<String> scopes = OAuthScopes.parse(params.single("scope"));
        if (scopes.isEmpty()) {
            return error(redirectUri, state, "invalid_scope", "scope is required.");
        }
        for (String s : scopes) {
            if (!client.scopes().contains(s)) {
                return error(redirectUri, state, "invalid_scope", "The scope " + s + " is not available to this client.");
            }
        }
        // PKCE downgrade: without S256 a stolen code could be redeemed by whoever intercepted it.
        String method = params.single("code_challenge_method");
        String challenge = params.single("code_challenge");
        if (!"S256".equals(method)) {
            return error(redirectUri, state, "invalid_request", "PKCE is required with code_challenge_method=S256.");
        }
        if (challenge == null || !CODE_CHALLENGE.matcher(challenge).matches()) {
            return error(redirectUri, state, "invalid_request", "code_challenge must be a base64url SHA-256 (43 characters).");
        }
        // Every authorization is a fresh login on the consent page (no SSO session is kept), so login and
        // consent prompts and any max_age are always satisfied, and prompt=none never can be.
        if ("none".equals(params.single("prompt"))) {
            return error(redirectUri, state, "login_required", "The user must log in on the consent page.");
        }
        String nonce = params.single("nonce");
        if (nonce != null && nonce.length() > MAX_NONCE) {
            return error(redirectUri, state, "invalid_request", "nonce is too long.");
        }
        String browserToken = browserCookie != null && BROWSER_TOKEN.matcher(browserCookie).matches()
                ? browserCookie : RandomTokens.next();
        String requestId = RandomTokens.next();
        Instant now = now();
        Set<String> ordered = new LinkedHashSet<>();
        OAuthScopes.SUPPORTED.stream().filter(scopes::contains).forEach(ordered::add);
        requests.insert(Sha256.hex(requestId), new Pending(Sha256.hex(browserToken), client.clientId(), redirectUri,
                ordered, state, nonce, challenge, now, now.plus(config.oauth2().consentTtl()), null));
        return new ConsentForm(200, client, ordered, requestId, browserToken, redirectUri, null);
    }

    /**
     * The person's answer on the consent page. The form's request id must name a live request opened
     * in this browser (the cookie): that is the CSRF protection. Allow also needs their password.
     */
    public AuthorizeOutcome decide(String requestId, String browserCookie, boolean allow, String identifier,
            String password, String ip) throws SQLException {
        Optional<Pending> found = requestId == null ? Optional.empty() : requests.find(Sha256.hex(requestId));
        if (found.isEmpty() || found.get().decidedAt() != null || !found.get().expiresAt().isAfter(now())) {
            return new ErrorPage(400, "Request expired", NO_REQUEST);
        }
        Pending pending = found.get();
        if (browserCookie == null || !MessageDigest.isEqual(Sha256.hex(browserCookie).getBytes(StandardCharsets.US_ASCII),
                pending.browserHash().getBytes(StandardCharsets.US_ASCII))) {
            return new ErrorPage(403, "Request not from this browser",
                    "This consent form was not opened in this browser. Go back to the application and start again.");
        }
        Optional<OAuthClient> client = clients.find(pending.clientId()).filter(c -> c.disabledAt() == null);
        if (client.isEmpty()) {
            return new ErrorPage(400, "Unknown application", "The application that sent you here is not registered.");
        }
        if (!allow) {
            return deny(Sha256.hex(requestId), pending);
        }
        if (identifier == null || identifier.isBlank() || password == null || password.isEmpty()) {
            return again(client.get(), pending, requestId, browserCookie, 400, "Enter your email or username and password.");
        }
        UserRepository.Credentials account;
        try {
            account = login.authenticate(identifier, password, ip);
        } catch (LoginThrottled e) {
            return again(client.get(), pending, requestId, browserCookie, 429, "Too many failed logins. Try again later.");
        } catch (Refusal e) {
            return again(client.get(), pending, requestId, browserCookie, 401, "The login or the password is wrong.");
        }
        if (!account.emailVerified()) {
            // A partner gets the account's email and acts for it: only for an address its owner proved.
            return again(client.get(), pending, requestId, browserCookie, 403,
                    "Verify your email address before you let applications use your account.");
        }
        return allow(Sha256.hex(requestId), pending, account);
    }

    @Transactional(rollbackOn = Exception.class)
    AuthorizeOutcome deny(String requestIdHash, Pending pending) throws SQLException {
        if (!requests.decide(requestIdHash, now())) {
            return new ErrorPage(400, "Request expired", NO_REQUEST);
        }
        return error(pending.redirectUri(), pending.state(), "access_denied", "The user denied the request.");
    }

    @Transactional(rollbackOn = Exception.class)
    AuthorizeOutcome allow(String requestIdHash, Pending pending, UserRepository.Credentials account) throws SQLException {
        Instant now = now();
        if (!requests.decide(requestIdHash, now)) {
            return new ErrorPage(400, "Request expired", NO_REQUEST);
        }
        String code = RandomTokens.next();
        codes.insert(Sha256.hex(code), new AuthorizationCodeRepository.Code(pending.clientId(), account.user().id(),
                pending.redirectUri(), pending.scopes(), pending.codeChallenge(), pending.nonce(), now,
                now.plus(config.oauth2().codeTtl()), null, null), now);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        return redirect(pending.redirectUri(), pending.state(), params);
    }

    /** Forgets requests nobody answered and codes long expired. */
    @Scheduled(every = "10m", delayed = "10m")
    @Transactional(rollbackOn = Exception.class)
    void purgeExpired() throws SQLException {
        Instant now = now();
        requests.deleteExpiredBefore(now);
        codes.deleteExpiredBefore(now.minus(CODE_RETENTION));
    }

    private static AuthorizeOutcome again(OAuthClient client, Pending pending, String requestId, String browserToken,
            int status, String message) {
        return new ConsentForm(status, client, pending.scopes(), requestId, browserToken, pending.redirectUri(), message);
    }

    private AuthorizeOutcome error(String redirectUri, String state, String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        return redirect(redirectUri, state, params);
    }

    // RFC 9207: the iss parameter tells the client which server answered (a mix-up defence).
    private Redirect redirect(String redirectUri, String state, Map<String, String> params) {
        if (state != null) {
            params.put("state", state);
        }
        params.put("iss", config.issuer());
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        params.forEach((name, value) -> location.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        location.setLength(location.length() - 1);
        return new Redirect(URI.create(location.toString()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
