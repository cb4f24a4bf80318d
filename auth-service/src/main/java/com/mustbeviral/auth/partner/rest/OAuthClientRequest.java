package com.mustbeviral.auth.partner.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/admin/oauth-clients}. Redirect URIs are absolute https URIs (http only for
 * localhost), matched exactly; a public client gets no secret and must use PKCE.
 * {@code idTokenSignedResponseAlg} (OpenID Connect Dynamic Client Registration's name): RS256 (the
 * default) or ES256.
 */
public record OAuthClientRequest(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 10) List<@NotBlank @Size(max = 2000) String> redirectUris,
        @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 50) String> scopes,
        @NotEmpty @Size(max = 3) List<@NotBlank @Size(max = 50) String> grantTypes,
        Boolean publicClient,
        @Size(max = 10) String idTokenSignedResponseAlg) {
}
