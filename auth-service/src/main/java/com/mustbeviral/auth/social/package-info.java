/** Social login (Google, GitHub, X) on quarkus-oidc tenants: our flows, who logs in or links, one-time codes, linked accounts. */
package com.mustbeviral.auth.social;
