package com.mustbeviral.content;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.RevokedSessionsRefused;
import com.mustbeviral.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Zero trust: a person's token of a revoked session is refused here too, as soon as auth.sessions says so. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SessionRevocationTest extends RevokedSessionsRefused {

    @Override
    protected String protectedPath() {
        return "/api/tags";
    }

    @Override
    protected TestTokens tokenOfSession(String sessionId) {
        return TestTokens.user().claim("sid", sessionId);
    }
}
