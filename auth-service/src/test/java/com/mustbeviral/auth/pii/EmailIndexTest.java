package com.mustbeviral.auth.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailIndexTest {

    private static final String KEY = TestKeys.random(32);
    private static final String INDEX = TestKeys.random(32);

    @Test
    void ignoresCaseAndSurroundingSpaceAndDependsOnItsKey() {
        EmailIndex index = EmailIndex.with(PiiKeys.from(TestKeys.config(Map.of("k1", KEY), "k1", INDEX)));
        EmailIndex otherKey = EmailIndex.with(PiiKeys.from(TestKeys.config(Map.of("k1", KEY), "k1", TestKeys.random(32))));

        assertEquals(index.of("grace@example.com"), index.of("  Grace@EXAMPLE.com "));
        assertNotEquals(index.of("grace@example.com"), index.of("grace@example.org"));
        assertNotEquals(index.of("grace@example.com"), otherKey.of("grace@example.com"));
    }

}
