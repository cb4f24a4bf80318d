package com.mustbeviral.platform.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The claims of a verified token, read once: the same answers as smallrye-jwt's principal, without asking it again. */
class ClaimsReadOnceTest {

    /** smallrye-jwt's principal, counting how often a claim's value is looked up. */
    static final class CountingPrincipal extends DefaultJWTCallerPrincipal {
        int lookups;

        CountingPrincipal(JwtClaims claims) {
            super("header.payload.signature", "JWT", claims);
        }

        @Override
        protected Object getClaimValue(String claimName) {
            lookups++;
            return super.getClaimValue(claimName);
        }
    }

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("http://localhost:8080");
        claims.setSubject("5a0c3f4e-3f51-4a5e-9d3c-0f2b8e1c7a11");
        claims.setAudience("must-be-viral");
        claims.setExpirationTimeMinutesInTheFuture(15);
        claims.setIssuedAtToNow();
        claims.setStringListClaim("groups", List.of("creator"));
        claims.setClaim(AccessTokenClaims.SESSION_ID, "7f1d2c3b-0000-4000-8000-000000000001");
        claims.setClaim(AccessTokenClaims.SCOPE, "content:read content:write");
        claims.setClaim("role", "creator");
        return claims;
    }

    @Test
    void answersAsTheVerifiedPrincipalDoes() {
        CountingPrincipal principal = new CountingPrincipal(claims());
        JsonWebToken token = new ClaimsReadOnce(principal);

        for (String name : principal.getClaimNames()) {
            assertEquals((Object) principal.getClaim(name), token.getClaim(name), name);
        }
        assertEquals(principal.getName(), token.getName());
        assertEquals(principal.getSubject(), token.getSubject());
        assertEquals(principal.getExpirationTime(), token.getExpirationTime());
        assertEquals(Set.of("creator"), token.getGroups());
        assertEquals(Set.of("must-be-viral"), token.getAudience());
        assertEquals("7f1d2c3b-0000-4000-8000-000000000001", token.getClaim(AccessTokenClaims.SESSION_ID));
        assertEquals("content:read content:write", token.getClaim(AccessTokenClaims.SCOPE));
        assertEquals(principal.getRawToken(), token.getRawToken());
    }

    @Test
    void aTokenWithoutGroupsOrAudienceHasTheirEmptySetsAsThePrincipalHas() {
        JwtClaims claims = claims();
        claims.unsetClaim("groups");
        claims.unsetClaim("aud");
        CountingPrincipal principal = new CountingPrincipal(claims);
        JsonWebToken token = new ClaimsReadOnce(principal);

        assertEquals(principal.getGroups(), token.getGroups());
        assertEquals(Set.of(), token.getGroups());
        assertEquals(principal.getAudience(), token.getAudience());
    }

    @Test
    void aClaimIsLookedUpOnceWhenTheTokenIsVerifiedNotOnEveryRead() {
        CountingPrincipal principal = new CountingPrincipal(claims());
        JsonWebToken token = new ClaimsReadOnce(principal);
        int atVerification = principal.lookups;

        for (int i = 0; i < 3; i++) {
            token.getClaim(AccessTokenClaims.SESSION_ID);
            token.getClaim("role");
            token.getExpirationTime();
        }

        assertEquals(atVerification, principal.lookups);
    }

    @Test
    void aClaimTheTokenDoesNotCarryIsNullWithoutAskingThePrincipal() {
        CountingPrincipal principal = new CountingPrincipal(claims());
        JsonWebToken token = new ClaimsReadOnce(principal);
        int atVerification = principal.lookups;

        assertNull(token.getClaim(AccessTokenClaims.CLIENT_ID));
        assertNull(token.getClaim(Claims.email.name()));
        assertEquals(atVerification, principal.lookups);
    }
}
