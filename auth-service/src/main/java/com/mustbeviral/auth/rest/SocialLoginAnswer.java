package com.mustbeviral.auth.rest;

import com.mustbeviral.auth.client.QueryString;
import com.mustbeviral.auth.service.PendingSocialLogin;
import com.mustbeviral.auth.service.ResponseMode;
import com.mustbeviral.auth.service.SocialLogin.Outcome;
import com.mustbeviral.auth.service.SocialRefusal;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a social login's outcome reaches the app. Fragment mode (the default): a redirect to the
 * app's redirect_uri with the tokens, or {@code error} and {@code error_description}, in the
 * fragment, which browsers never send to a server, so tokens stay out of logs and Referer headers;
 * the app's own {@code state} comes back with it. JSON mode: the token response, or a problem.
 */
final class SocialLoginAnswer {

    private static final String PROBLEM_BASE = "https://mustbeviral.com/problems/";

    private SocialLoginAnswer() {
    }

    static Response of(Outcome outcome, NewCookie clearedCookie) {
        PendingSocialLogin flow = outcome.flow();
        if (flow.responseMode() == ResponseMode.JSON) {
            Object body = switch (outcome) {
                case Outcome.LoggedIn in -> TokenResponse.of(in.tokens());
                case Outcome.Linked linked -> LinkedAccountView.of(linked.account());
                case Outcome.Refused refused -> throw problem(refused.refusal());
            };
            return noStore(Response.ok(body).cookie(clearedCookie));
        }
        Map<String, String> fragment = new LinkedHashMap<>();
        switch (outcome) {
            case Outcome.LoggedIn in -> {
                fragment.put("access_token", in.tokens().accessToken());
                fragment.put("refresh_token", in.tokens().refreshToken());
                fragment.put("token_type", "Bearer");
                fragment.put("expires_in", Long.toString(in.tokens().expiresInSeconds()));
            }
            case Outcome.Linked linked -> fragment.put("linked", linked.account().provider());
            case Outcome.Refused refused -> {
                fragment.put("error", refused.refusal().error());
                fragment.put("error_description", refused.refusal().detail());
            }
        }
        fragment.put("state", flow.appState());
        URI location = URI.create(flow.appRedirectUri() + "#" + QueryString.of(fragment));
        return noStore(Response.status(Response.Status.FOUND).location(location).cookie(clearedCookie));
    }

    static HttpProblem problem(SocialRefusal refusal) {
        return HttpProblem.builder().withStatus(Response.Status.fromStatusCode(refusal.status()))
                .withType(URI.create(PROBLEM_BASE + refusal.error().replace('_', '-')))
                .withTitle(refusal.title()).withDetail(refusal.detail()).with("error", refusal.error()).build();
    }

    static Response noStore(Response.ResponseBuilder response) {
        // RFC 6749 section 5.1: answers carrying tokens must not be cached.
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
