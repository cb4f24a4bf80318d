package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.RandomTokens;
import com.mustbeviral.auth.Sha256;
import com.mustbeviral.auth.partner.OAuthClient;
import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.partner.repository.OAuthClientRepository;
import com.mustbeviral.auth.token.TokenAlgorithm;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.OAuthClientRegistered;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Admins register partner clients. The secret is 256 random bits, shown once and stored as its
 * SHA-256: with that much entropy a fast hash is as safe as argon2id, and a client_credentials grant
 * then costs microseconds instead of an argon2id verification's megabytes and tens of milliseconds.
 */
@ApplicationScoped
public class ClientRegistration {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final OAuthClientRepository clients;
    private final Outbox outbox;
    private final Clock clock;

    ClientRegistration(OAuthClientRepository clients, Outbox outbox, Clock clock) {
        this.clients = clients;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** {@code idTokenSignedResponseAlg} null: RS256. */
    public record NewClient(String name, List<String> redirectUris, List<String> scopes, List<String> grantTypes,
            boolean publicClient, String idTokenSignedResponseAlg) {
    }

    /** A registered client and its secret in clear, which exists only in this answer (null for a public client). */
    public record Registered(OAuthClient client, String secret) {
    }

    @Transactional(rollbackOn = Exception.class)
    public Registered register(NewClient request, UUID admin) throws SQLException {
        Set<String> grantTypes = grantTypes(request);
        Set<String> scopes = scopes(request, grantTypes);
        List<String> redirectUris = redirectUris(request, grantTypes);
        String secret = request.publicClient() ? null : RandomTokens.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OAuthClient client = new OAuthClient(UUID.randomUUID().toString(), request.name().trim(),
                secret == null ? null : Sha256.hex(secret), redirectUris, scopes, grantTypes, now, admin.toString(), null,
                idTokenAlgorithm(request));
        clients.insert(client);
        outbox.append(Topics.AUTH_USERS, OAuthClientRegistered.TYPE, client.clientId(),
                new OAuthClientRegistered(client.clientId(), client.name(), client.publicClient(), redirectUris,
                        List.copyOf(scopes), List.copyOf(grantTypes), admin, now), now);
        return new Registered(client, secret);
    }

    public Optional<OAuthClient> find(String clientId) throws SQLException {
        return clients.find(clientId);
    }

    /** A page of clients in registration order, after the one the cursor names. */
    public List<OAuthClient> page(OAuthClient after, int limit) throws SQLException {
        return clients.page(after == null ? null : after.createdAt(), after == null ? null : after.clientId(), limit);
    }

    // OpenID Connect requires RS256 to be available, so it is the default; ES256 on request.
    private static TokenAlgorithm idTokenAlgorithm(NewClient request) {
        String alg = request.idTokenSignedResponseAlg();
        if (alg == null) {
            return TokenAlgorithm.RS256;
        }
        try {
            return TokenAlgorithm.valueOf(alg);
        } catch (IllegalArgumentException e) {
            throw invalid("Unknown id_token_signed_response_alg " + alg + "; use " + Arrays.toString(TokenAlgorithm.values()) + ".");
        }
    }

    private static Set<String> grantTypes(NewClient request) {
        Set<String> grantTypes = new LinkedHashSet<>(request.grantTypes());
        for (String g : grantTypes) {
            if (!OAuthClient.GRANT_TYPES.contains(g)) {
                throw invalid("Unknown grant type " + g + "; use " + OAuthClient.GRANT_TYPES + ".");
            }
        }
        if (request.publicClient() && grantTypes.contains(OAuthClient.CLIENT_CREDENTIALS)) {
            throw invalid("A public client has no secret, so it cannot use client_credentials.");
        }
        if (grantTypes.contains(OAuthClient.REFRESH_TOKEN) && !grantTypes.contains(OAuthClient.AUTHORIZATION_CODE)) {
            throw invalid("refresh_token needs authorization_code: only that grant issues refresh tokens.");
        }
        return grantTypes;
    }

    private static Set<String> scopes(NewClient request, Set<String> grantTypes) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : OAuthScopes.SUPPORTED) {
            if (request.scopes().contains(s)) {
                scopes.add(s);
            }
        }
        for (String s : request.scopes()) {
            if (!OAuthScopes.SUPPORTED.contains(s)) {
                throw invalid("Unknown scope " + s + "; use " + OAuthScopes.SUPPORTED + ".");
            }
        }
        if (grantTypes.contains(OAuthClient.CLIENT_CREDENTIALS) && OAuthScopes.USER_ONLY.containsAll(scopes)) {
            throw invalid("A client_credentials client needs a scope that is not about a person (" +
                    OAuthScopes.USER_ONLY + ").");
        }
        return scopes;
    }

    private static List<String> redirectUris(NewClient request, Set<String> grantTypes) {
        List<String> uris = new ArrayList<>(new LinkedHashSet<>(request.redirectUris()));
        if (grantTypes.contains(OAuthClient.AUTHORIZATION_CODE) && uris.isEmpty()) {
            throw invalid("authorization_code needs at least one redirect URI.");
        }
        for (String uri : uris) {
            redirectUriProblem(uri).ifPresent(p -> {
                throw invalid("Redirect URI " + uri + ": " + p);
            });
        }
        return uris;
    }

    /** Why a redirect URI cannot be registered (RFC 6749 section 3.1.2, RFC 9700 section 4.1), if it cannot. */
    static Optional<String> redirectUriProblem(String uri) {
        if (uri.contains("*")) {
            return Optional.of("wildcards are not allowed; register every URI exactly.");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URI.");
        }
        if (!parsed.isAbsolute() || parsed.isOpaque() || parsed.getHost() == null) {
            return Optional.of("must be an absolute URI with a host.");
        }
        if (parsed.getRawFragment() != null) {
            return Optional.of("must not have a fragment.");
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of("must not have user information.");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && LOOPBACK_HOSTS.contains(parsed.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("must use https (http only for localhost).");
    }

    private static Refusal invalid(String detail) {
        return new Refusal(AuthRefusal.INVALID_CLIENT_REGISTRATION, detail);
    }
}
