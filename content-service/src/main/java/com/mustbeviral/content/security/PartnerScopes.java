package com.mustbeviral.content.security;

import com.mustbeviral.contracts.auth.AccessTokenClaims;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A partner's token carries no role, only the scopes its client was granted ({@code scope}); each
 * becomes a role of the caller here, so that a resource lists who may call it in one place, e.g.
 * {@code @RolesAllowed({"creator", "influencer", "admin", "content:read"})}. Scope names contain a
 * colon or are OpenID names, so they never pass for a role.
 */
@ApplicationScoped
public class PartnerScopes implements SecurityIdentityAugmentor {

    /** From the fleet's contract, which also says which routes each scope opens (the gateway admits by it). */
    public static final String CONTENT_READ = com.mustbeviral.contracts.auth.PartnerScopes.CONTENT_READ;
    public static final String CONTENT_WRITE = com.mustbeviral.contracts.auth.PartnerScopes.CONTENT_WRITE;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object scope = token.getClaim(AccessTokenClaims.SCOPE);
        if (scope == null || token.getClaim(AccessTokenClaims.CLIENT_ID) == null) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        for (String granted : scope.toString().trim().split(" +")) {
            if (!granted.isEmpty()) {
                builder.addRole(granted);
            }
        }
        return Uni.createFrom().item(builder.build());
    }
}
