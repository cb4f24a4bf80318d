/** The OAuth2/OpenID Connect provider for partners: clients, authorization and consent page, grants, tokens, introspection, UserInfo; WellKnownResource serves the JWKS here too, as discovery for partners and every verifier. */
package com.mustbeviral.auth.partner;
