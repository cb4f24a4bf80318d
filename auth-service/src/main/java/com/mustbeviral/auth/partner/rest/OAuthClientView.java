package com.mustbeviral.auth.partner.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mustbeviral.auth.partner.OAuthClient;
import java.time.Instant;
import java.util.List;

/** A partner client as admins see it; {@code clientSecret} only in the answer to its registration. */
public record OAuthClientView(String clientId, @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
        String name, boolean publicClient, List<String> redirectUris, List<String> scopes, List<String> grantTypes,
        String registeredBy, Instant createdAt, String idTokenSignedResponseAlg) {

    static OAuthClientView of(OAuthClient c, String secret) {
        return new OAuthClientView(c.clientId(), secret, c.name(), c.publicClient(), c.redirectUris(),
                List.copyOf(c.scopes()), List.copyOf(c.grantTypes()), c.registeredBy(), c.createdAt(),
                c.idTokenSignedResponseAlg().name());
    }
}
