package com.mustbeviral.auth.social.rest;

import com.mustbeviral.auth.session.rest.TokenResponse;
import com.mustbeviral.auth.social.service.PendingSocialLogin;
import com.mustbeviral.auth.social.service.ResponseMode;
import com.mustbeviral.auth.social.service.SocialLogin.Outcome;
import com.mustbeviral.auth.social.service.SocialRefusal;
import com.mustbeviral.auth.web.AuthProblems;
import com.mustbeviral.platform.problem.Problem;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a social login's outcome reaches the app. Fragment mode (the default): a redirect to the
 * app's redirect_uri with a one-time {@code code} (exchanged at {@code POST /api/auth/oauth/token}),
 * {@code linked}, or {@code error} and {@code error_description} in the fragment, with the app's own
 * {@code state}; never a token, so none reaches history, logs or Referer headers. JSON mode: the
 * token response, or a problem.
 */
final class SocialLoginAnswer {

    private SocialLoginAnswer() {
    }

    /** The answer at {@code path} to a flow that ended with this outcome. */
    static Response of(Outcome outcome, NewCookie clearedCookie, String path) {
        PendingSocialLogin flow = outcome.flow();
        if (flow.responseMode() == ResponseMode.JSON) {
            return switch (outcome) {
                case Outcome.LoggedIn in -> noStore(Response.ok(TokenResponse.of(in.tokens())).cookie(clearedCookie));
                case Outcome.Linked linked ->
                        noStore(Response.ok(LinkedAccountView.of(linked.account())).cookie(clearedCookie));
                case Outcome.Refused refused -> problem(refused.refusal(), clearedCookie, path);
                case Outcome.CodeIssued issued -> throw new IllegalStateException("No code in JSON mode");
            };
        }
        Map<String, String> fragment = new LinkedHashMap<>();
        switch (outcome) {
            case Outcome.CodeIssued issued -> fragment.put("code", issued.code());
            case Outcome.Linked linked -> fragment.put("linked", linked.account().provider());
            case Outcome.Refused refused -> {
                fragment.put("error", refused.refusal().error());
                fragment.put("error_description", refused.refusal().detail());
            }
            case Outcome.LoggedIn in -> throw new IllegalStateException("No tokens in a redirect");
        }
        if (flow.appState() != null) {
            fragment.put("state", flow.appState());
        }
        URI location = URI.create(flow.appRedirectUri() + "#" + form(fragment));
        return noStore(Response.status(Response.Status.FOUND).location(location).cookie(clearedCookie));
    }

    private static Response problem(SocialRefusal refusal, NewCookie clearedCookie, String path) {
        Response problem = Problem.of(AuthProblems.socialLogin(refusal), refusal.detail()).with("error", refusal.error())
                .response(path);
        return Response.fromResponse(problem).cookie(clearedCookie).build();
    }

    static Response noStore(Response.ResponseBuilder response) {
        // RFC 6749 section 5.1: answers carrying tokens or codes must not be cached.
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
