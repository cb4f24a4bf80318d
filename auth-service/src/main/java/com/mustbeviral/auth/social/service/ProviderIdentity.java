package com.mustbeviral.auth.social.service;

/**
 * Who a social provider says the person is. {@code email} may be null (X gives none);
 * {@code emailVerified} is true only when the provider vouches that the person controls it.
 */
public record ProviderIdentity(String provider, String subject, String email, boolean emailVerified, String username,
        String displayName) {
}
