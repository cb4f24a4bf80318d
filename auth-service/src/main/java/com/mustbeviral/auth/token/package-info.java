/** Signing keys and access tokens, used by sessions and partners alike. */
package com.mustbeviral.auth.token;
