package com.mustbeviral.platform.token;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token whose claims were read from smallrye-jwt's principal once, when it was verified, and
 * are answered from a map after that. smallrye-jwt looks every claim name up in MicroProfile JWT's
 * {@link Claims} enum on every {@code getClaim}, and for a name the enum lacks ({@code sid},
 * {@code scope}, {@code client_id}, {@code role}: the fleet's own claims) that lookup throws and catches
 * an {@code IllegalArgumentException}, filling in its stack trace each time. Every authenticated request
 * reads several of those (the revocation check, the partner scopes, the caller), and it was 3.3 % of a
 * content create's CPU (deploy/bench/README.md, issue 14, session 23).
 *
 * <p>The values are the principal's own answers (its conversions included: {@code exp} as a
 * {@code Long}, {@code groups} and {@code aud} as sets, and those two empty when absent), so a caller sees
 * what it saw before. A claim the token does not carry is null without asking the principal again.
 */
final class ClaimsReadOnce implements JsonWebToken {

    private final JsonWebToken verified;
    private final Map<String, Object> claims;
    private final Set<String> groups;
    private final Set<String> audience;

    ClaimsReadOnce(JsonWebToken verified) {
        this.verified = verified;
        // The principal's own answers, which are not its claims' values when the claim is absent (an empty set).
        this.groups = verified.getGroups();
        this.audience = verified.getAudience();
        Map<String, Object> read = new HashMap<>();
        for (String name : verified.getClaimNames()) {
            Object value = verified.getClaim(name);
            if (value != null) {
                read.put(name, value);
            }
        }
        this.claims = Map.copyOf(read);
    }

    @Override
    public String getName() {
        return verified.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return verified.getClaimNames();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        Object value = claims.get(claimName);
        // The raw token is the principal's own field, not always among the claim names.
        if (value == null && Claims.raw_token.name().equals(claimName)) {
            return verified.getClaim(claimName);
        }
        return (T) value;
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    public Set<String> getAudience() {
        return audience;
    }

    @Override
    public boolean implies(Subject subject) {
        return verified.implies(subject);
    }

    @Override
    public String toString() {
        return verified.toString();
    }
}
