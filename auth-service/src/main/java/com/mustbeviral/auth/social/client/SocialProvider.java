package com.mustbeviral.auth.social.client;

import java.net.URI;

/** One social login provider, speaking its own OAuth 2.0 dialect. */
public interface SocialProvider {

    /** The name in paths and in {@code oauth_accounts.provider}: google, github, twitter. */
    String id();

    /** Configured with a client id. */
    boolean enabled();

    /** Where the browser goes to log in at the provider. */
    URI authorizationUrl(AuthorizationRequest request);

    /**
     * Exchanges the authorization code at the provider's token endpoint and reads who logged in.
     *
     * @throws ProviderException when the provider refuses, is away, or its answer proves nothing
     */
    ProviderIdentity identify(String code, String codeVerifier, String nonce, String callbackUri);
}
