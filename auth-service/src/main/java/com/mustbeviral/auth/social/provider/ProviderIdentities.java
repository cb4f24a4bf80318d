package com.mustbeviral.auth.social.provider;

import com.mustbeviral.auth.social.service.ProviderIdentity;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.UserInfo;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who the person is, read from what quarkus-oidc verified for the provider's tenant: Google's ID
 * token (signature, issuer, audience, expiry and nonce checked), GitHub's and X's UserInfo (fetched
 * with the access token of the code exchange). Only what each provider vouches for is taken.
 */
@ApplicationScoped
public class ProviderIdentities {

    /** Attributes quarkus-oidc puts on the identity it built (io.quarkus.oidc.runtime.OidcUtils). */
    private static final String TENANT_ID = "tenant-id";
    private static final String USER_INFO = "userinfo";

    private final GitHubEmails githubEmails;

    ProviderIdentities(GitHubEmails githubEmails) {
        this.githubEmails = githubEmails;
    }

    /**
     * The identity behind this request's provider login.
     *
     * @throws IllegalStateException when the identity is not this provider's tenant (a configuration error)
     * @throws ProviderUnavailable when GitHub's email list does not answer
     */
    public ProviderIdentity of(String provider, SecurityIdentity identity) {
        if (!provider.equals(identity.getAttribute(TENANT_ID))) {
            throw new IllegalStateException("The identity at " + provider + "'s callback is of tenant "
                    + identity.getAttribute(TENANT_ID));
        }
        return switch (provider) {
            case "google" -> google((JsonWebToken) identity.getPrincipal());
            case "github" -> github(identity.getAttribute(USER_INFO), identity.getCredential(AccessTokenCredential.class));
            case "twitter" -> x(identity.getAttribute(USER_INFO));
            default -> throw new IllegalStateException("No identity reader for " + provider);
        };
    }

    private static ProviderIdentity google(JsonWebToken idToken) {
        // email_verified is a JSON boolean; very old Google tokens sent the string "true".
        boolean verified = "true".equals(String.valueOf(unwrap(idToken.getClaim("email_verified"))));
        String email = (String) unwrap(idToken.getClaim("email"));
        return new ProviderIdentity("google", idToken.getSubject(), email, verified && email != null, null,
                (String) unwrap(idToken.getClaim("name")));
    }

    private ProviderIdentity github(UserInfo user, AccessTokenCredential accessToken) {
        Long id = user.getLong("id");
        if (id == null) {
            throw new ProviderUnavailable("GitHub's user has no id");
        }
        GitHubEmails.Primary primary = githubEmails.primary(accessToken.getToken()).orElse(null);
        return new ProviderIdentity("github", id.toString(),
                primary == null ? null : primary.email(), primary != null && primary.verified(), user.getString("login"),
                text(user.getJsonObject(), "name"));
    }

    private static ProviderIdentity x(UserInfo user) {
        // X's /2/users/me wraps the user in "data"; X gives no email at all.
        JsonObject data = user.getObject("data");
        if (data == null || text(data, "id") == null) {
            throw new ProviderUnavailable("X's user has no id");
        }
        return new ProviderIdentity("twitter", data.getString("id"), null, false, text(data, "username"),
                text(data, "name"));
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString value ? value.getString() : null;
    }

    private static Object unwrap(Object claim) {
        if (claim instanceof JsonString value) {
            return value.getString();
        }
        if (claim == JsonValue.TRUE || claim == JsonValue.FALSE) {
            return claim == JsonValue.TRUE;
        }
        return claim;
    }
}
