package com.mustbeviral.auth;

import org.eclipse.microprofile.config.ConfigProvider;

/** The issuer the service under test signs with ({@code auth.issuer}); in tests it is the test server itself. */
final class Issuer {

    private Issuer() {
    }

    static String url() {
        return ConfigProvider.getConfig().getValue("auth.issuer", String.class);
    }
}
