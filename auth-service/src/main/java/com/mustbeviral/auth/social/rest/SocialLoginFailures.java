package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.social.service.PendingSocialLogin;
import com.mustbeviral.auth.social.service.SocialLogin;
import com.mustbeviral.auth.social.service.SocialRefusal;
import com.mustbeviral.auth.web.AuthProblems;
import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A provider login that quarkus-oidc could not complete at the callback, as a problem instead of its
 * bare 401. Without a cause the callback itself is not to be trusted (a state that is not this
 * browser's, a missing code): a plain problem, and the browser's flow stays as it is, since it may be
 * the victim's. With one, the provider answered and it did not hold (a code refused, an ID token
 * that fails its checks): the flow ends and the app hears why at its redirect_uri.
 */
public class SocialLoginFailures {

    private final SocialLogin social;
    private final FlowCookie cookie;
    private final AuthProblems problems;

    SocialLoginFailures(SocialLogin social, FlowCookie cookie, AuthProblems problems) {
        this.social = social;
        this.cookie = cookie;
        this.problems = problems;
    }

    /** Ahead of Quarkus REST's own mapper of the exception (a bare 401); a lower number wins. */
    @ServerExceptionMapper(priority = 800)
    public Uni<Response> failed(AuthenticationCompletionException failure, HttpHeaders headers, UriInfo uri) {
        // Raised on the event loop, where the flow store (Redis) must not be waited for.
        String path = uri.getPath();
        Cookie handle = headers.getCookies().get(FlowCookie.NAME);
        return Uni.createFrom().item(() -> answer(failure, path, handle == null ? null : handle.getValue()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response answer(AuthenticationCompletionException failure, String path, String handle) {
        String provider = providerOf(path);
        if (failure.getCause() == null || provider == null) {
            return invalidState("The callback does not belong to a login this browser started, or is incomplete.", path);
        }
        PendingSocialLogin flow;
        try {
            flow = social.end(provider, handle);
        } catch (Refusal refused) {
            return invalidState(refused.detail(), path);
        }
        SocialRefusal refusal = failure.getCause() instanceof OIDCException
                ? new SocialRefusal(400, "invalid_grant", "Login not accepted",
                        provider + " did not accept the authorization code; start the login again.")
                : new SocialRefusal(502, "invalid_provider_response", "Identity not verified",
                        provider + " answered with an identity that could not be verified.");
        return SocialLoginAnswer.of(new SocialLogin.Outcome.Refused(flow, refusal), cookie.clear(), path);
    }

    /** The provider of a path under {@code /api/auth/oauth/{provider}/}, the only paths of the social tenants. */
    private static String providerOf(String path) {
        String[] segments = path.split("/");
        return segments.length > 4 && path.startsWith("/api/auth/oauth/") ? segments[4] : null;
    }

    private Response invalidState(String detail, String path) {
        return Problem.of(problems.typeOf(AuthRefusal.INVALID_STATE), detail).response(path);
    }
}
