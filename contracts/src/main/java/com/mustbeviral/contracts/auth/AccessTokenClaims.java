package com.mustbeviral.contracts.auth;

/**
 * The access token every service and the gateway verify: a JWT signed with {@link #SIGNATURE_ALGORITHM}
 * (or RS256 where configured) with a {@code kid} header, verified against auth-service's JWKS
 * ({@code /.well-known/jwks.json}). Registered claims:
 * {@code iss}, {@code aud}, {@code sub} (user id, or client id for client_credentials),
 * {@code exp}, {@code iat}, {@code jti}. The private claims are named here.
 */
public final class AccessTokenClaims {
    /**
     * The fleet's default algorithm of access tokens: what auth-service signs with
     * ({@code auth.tokens.signing-algorithm}) and the one algorithm every verifier accepts
     * ({@code gateway.auth.algorithms}; the services' smallrye-jwt {@code mp.jwt.verify.publickey.algorithm},
     * set from this by the platform). ECDSA P-256: a signature costs a fourteenth of an RSA-2048 one.
     * Each may be set to {@code RS256}, or to both during a switch; nothing else is accepted.
     */
    public static final String SIGNATURE_ALGORITHM = "ES256";

    /** The algorithms a verifier may be configured to accept: never {@code none}, never an HMAC. */
    public static final java.util.Set<String> SIGNATURE_ALGORITHMS_ALLOWED = java.util.Set.of("ES256", "RS256");

    /** Default audience of tokens for the platform's API. */
    public static final String API_AUDIENCE = "mustbeviral-api";
    /** creator, influencer, admin or moderator (moderators are made by admins). Absent on partner tokens: their power is their {@link #SCOPE}, not the user's role. */
    public static final String ROLE = "role";
    /** free, pro, business (from billing's entitlements). */
    public static final String PLAN = "plan";
    /**
     * Session id: revoking the session revokes its access tokens. On a partner token for a user it is
     * the id of the partner's grant, revoked the same way. Absent on client_credentials tokens.
     */
    public static final String SESSION_ID = "sid";
    /**
     * Whether the user proved their email address (a boolean, on a user's own session tokens). An
     * unverified account may not link social accounts nor let partners act for it.
     */
    public static final String EMAIL_VERIFIED = "email_verified";
    /** Space-separated OAuth scopes of a partner token, e.g. {@code content:read analytics:read}. */
    public static final String SCOPE = "scope";
    /** The OAuth client a partner token was issued to. */
    public static final String CLIENT_ID = "client_id";

    /**
     * The fleet's one clock skew: how long past its {@code exp} (and before its {@code nbf}) every
     * verifier still accepts a token, for clocks that disagree. The gateway's default
     * ({@code gateway.auth.clock-skew}) and the services' smallrye-jwt {@code mp.jwt.verify.clock.skew}
     * (set from this by the platform) are this value. A verifier keeps refusing a revoked session's
     * tokens this long past {@code access_tokens_expire_by} of {@code session.revoked}: dropping the
     * revocation at that instant let its tokens work again for the skew.
     */
    public static final int CLOCK_SKEW_SECONDS = 30;

    private AccessTokenClaims() {
    }
}
