package com.mustbeviral.auth.web;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.service.LoginThrottled;
import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.ProblemType;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** auth's catalogue of problem types: every reason reaches the client as its own problem, never as a 500. */
class AuthProblemsTest {

    private static final URI ABOUT_BLANK = URI.create("about:blank");
    /** The only type meant for more than one reason: its titles say which part of the request is wrong. */
    private static final Set<AuthRefusal> INVALID_SOCIAL_LOGIN_REQUEST =
            Set.of(AuthRefusal.INVALID_RESPONSE_MODE, AuthRefusal.APP_STATE_TOO_LONG);

    private final AuthProblems problems = new AuthProblems();

    @ParameterizedTest
    @EnumSource(AuthRefusal.class)
    void everyReasonHasAnErrorStatusAndATitle(AuthRefusal reason) {
        ProblemType type = problems.typeOf(reason);
        assertTrue(type.status() >= 400 && type.status() < 600, reason + " answers " + type.status());
        assertFalse(type.title().isBlank(), reason + " has no title");
    }

    @Test
    void noTwoReasonsShareANamedTypeUnlessMeantTo() {
        Map<URI, Set<AuthRefusal>> byType = Arrays.stream(AuthRefusal.values())
                .filter(reason -> !problems.typeOf(reason).type().equals(ABOUT_BLANK))
                .collect(groupingBy(reason -> problems.typeOf(reason).type(), toSet()));
        byType.forEach((type, reasons) -> {
            if (reasons.size() > 1) {
                assertEquals(INVALID_SOCIAL_LOGIN_REQUEST, reasons, type + " is shared");
            }
        });
    }

    @Test
    void reasonsOfOneNamedTypeAnswerTheSameStatus() {
        Map<URI, Set<Integer>> statuses = Arrays.stream(AuthRefusal.values()).map(problems::typeOf)
                .filter(type -> !type.type().equals(ABOUT_BLANK))
                .collect(groupingBy(ProblemType::type, Collectors.mapping(ProblemType::status, toSet())));
        statuses.forEach((type, answered) -> assertEquals(1, answered.size(), type + " answers " + answered));
    }

    @Test
    void aReasonAuthDoesNotOwnIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> problems.typeOf(TimeUnit.SECONDS));
    }

    @Test
    void aThrottledLoginSaysWhenToTryAgain() {
        Response answer = answer(new LoginThrottled(42));
        assertEquals("42", answer.getHeaderString("Retry-After"));
    }

    @Test
    void aRefusedPartnerTokenCarriesItsBearerChallenge() {
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"openid\"",
                answer(new Refusal(AuthRefusal.INSUFFICIENT_SCOPE, "d")).getHeaderString("WWW-Authenticate"));
        assertEquals("Bearer error=\"invalid_token\"",
                answer(new Refusal(AuthRefusal.GRANT_ENDED, "d")).getHeaderString("WWW-Authenticate"));
    }

    @Test
    void otherRefusalsCarryNoHeader() {
        Response answer = answer(new Refusal(AuthRefusal.INVALID_CREDENTIALS, "d"));
        assertNull(answer.getHeaderString("WWW-Authenticate"));
        assertNull(answer.getHeaderString("Retry-After"));
    }

    private Response answer(Refusal refusal) {
        return problems.decorate(Problem.of(problems.typeOf(refusal.reason()), refusal.detail()), refusal).response("/x");
    }
}
