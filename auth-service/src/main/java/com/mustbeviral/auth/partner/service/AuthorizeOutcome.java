package com.mustbeviral.auth.partner.service;

import com.mustbeviral.auth.partner.OAuthClient;
import java.net.URI;
import java.util.Set;

/** What the authorization endpoint answers a browser with. */
public sealed interface AuthorizeOutcome {

    /** An error shown to the person, never a redirect: the redirect target is unknown or not to be trusted. */
    record ErrorPage(int status, String title, String message) implements AuthorizeOutcome {
    }

    /** Back to the client's registered redirect URI, with a code or an error. */
    record Redirect(URI location) implements AuthorizeOutcome {
    }

    /**
     * The consent page: who asks for what, the login fields and Allow/Deny. {@code requestId} goes
     * into the form, {@code browserToken} into a cookie; both must come back with the decision.
     */
    record ConsentForm(int status, OAuthClient client, Set<String> scopes, String requestId, String browserToken,
            String redirectUri, String error) implements AuthorizeOutcome {
    }
}
