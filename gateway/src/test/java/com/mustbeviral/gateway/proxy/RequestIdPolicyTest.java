package com.mustbeviral.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdPolicyTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void keepsASaneToken() {
        assertEquals("req_2026.11-25.A", RequestIdPolicy.resolve("req_2026.11-25.A"));
    }

    @Test
    void keepsATokenOfExactly128Characters() {
        String id = "a".repeat(128);
        assertEquals(id, RequestIdPolicy.resolve(id));
    }

    @Test
    void replacesATokenOf129Characters() {
        String id = "a".repeat(129);
        assertNotEquals(id, RequestIdPolicy.resolve(id));
    }

    @Test
    void replacesATokenWithAForbiddenCharacter() {
        assertTrue(RequestIdPolicy.resolve("abc def").matches(UUID));
        assertTrue(RequestIdPolicy.resolve("abc\u00e9").matches(UUID));
    }

    @Test
    void generatesAUuidWhenThereIsNone() {
        assertTrue(RequestIdPolicy.resolve(null).matches(UUID));
        assertTrue(RequestIdPolicy.resolve("").matches(UUID));
    }
}
