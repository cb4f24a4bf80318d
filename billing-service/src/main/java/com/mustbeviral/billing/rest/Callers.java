package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.service.BillingRefusal;
import com.mustbeviral.contracts.auth.AccessTokenClaims;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The user behind the current request's verified token. Money is a person's own business: partner
 * tokens (which carry {@code client_id}) are refused here, whoever they act for.
 */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;

    Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The calling user's id. */
    public UUID user() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        if (token.getClaim(AccessTokenClaims.CLIENT_ID) != null) {
            throw new Refusal(BillingRefusal.NO_USER, "Billing answers users themselves, not partner clients.");
        }
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refusal(BillingRefusal.NO_USER, "This token names no user.");
        }
    }

    public boolean admin() {
        return identity.hasRole("admin");
    }
}
