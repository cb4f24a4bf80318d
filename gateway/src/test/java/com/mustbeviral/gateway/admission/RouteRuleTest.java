package com.mustbeviral.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteRuleTest {

    @Test
    void matchesItsMethodOnThePrefixAndBelow() {
        RouteRule rule = RouteRule.parse("POST /api/auth/login");
        assertTrue(rule.matches("POST", "/api/auth/login"));
        assertTrue(rule.matches("POST", "/api/auth/login/2fa"));
        assertFalse(rule.matches("GET", "/api/auth/login"));
        assertFalse(rule.matches("POST", "/api/auth/loginx"));
    }

    @Test
    void matchesAnyMethodWithoutOne() {
        RouteRule rule = RouteRule.parse("/oauth2/token");
        assertTrue(rule.matches("GET", "/oauth2/token"));
        assertTrue(rule.matches("DELETE", "/oauth2/token"));
    }

    @Test
    void matchesEachOfSeveralMethods() {
        RouteRule rule = RouteRule.parse("GET|HEAD /api/content");
        assertTrue(rule.matches("HEAD", "/api/content/1"));
        assertFalse(rule.matches("POST", "/api/content"));
    }

    @Test
    void refusesARuleWithoutAPath() {
        assertThrows(IllegalStateException.class, () -> RouteRule.parse("POST api/auth"));
    }
}
