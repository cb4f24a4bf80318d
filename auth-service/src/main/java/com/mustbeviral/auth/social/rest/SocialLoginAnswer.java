package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.session.rest.TokenResponse;
import com.mustbeviral.auth.social.client.QueryString;
import com.mustbeviral.auth.social.service.PendingSocialLogin;
import com.mustbeviral.auth.social.service.ResponseMode;
import com.mustbeviral.auth.social.service.SocialLogin.Outcome;
import com.mustbeviral.auth.social.service.SocialRefusal;
import com.mustbeviral.auth.web.AuthProblems;
import com.mustbeviral.platform.problem.Problem;
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

    private SocialLoginAnswer() {
    }

    /** The answer to the callback at {@code path}. */
    static Response of(Outcome outcome, NewCookie clearedCookie, String path) {
        PendingSocialLogin flow = outcome.flow();
        if (flow.responseMode() == ResponseMode.JSON) {
            return switch (outcome) {
                case Outcome.LoggedIn in -> noStore(Response.ok(TokenResponse.of(in.tokens())).cookie(clearedCookie));
                case Outcome.Linked linked ->
                        noStore(Response.ok(LinkedAccountView.of(linked.account())).cookie(clearedCookie));
                case Outcome.Refused refused -> problem(refused.refusal(), path);
            };
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

    private static Response problem(SocialRefusal refusal, String path) {
        return Problem.of(AuthProblems.socialLogin(refusal), refusal.detail()).with("error", refusal.error())
                .response(path);
    }

    static Response noStore(Response.ResponseBuilder response) {
        // RFC 6749 section 5.1: answers carrying tokens must not be cached.
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
