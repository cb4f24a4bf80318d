package com.mustbeviral.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertEquals("203.0.113.9", proxies.clientAddress("203.0.113.9", List.of("198.51.100.1")));
    }

    @Test
    void takesTheAddressATrustedPeerForwarded() {
        assertEquals("198.51.100.1", proxies.clientAddress("10.1.2.3", List.of("198.51.100.1")));
    }

    @Test
    void skipsTrustedHopsFromTheRightAndIgnoresWhatTheClientWroteOnTheLeft() {
        assertEquals("198.51.100.1",
                proxies.clientAddress("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 192.168.1.7")));
    }

    @Test
    void readsSeveralForwardedForHeadersAsOneList() {
        assertEquals("198.51.100.1", proxies.clientAddress("10.1.2.3", List.of("6.6.6.6", "198.51.100.1", "10.9.9.9")));
    }

    @Test
    void takesThePeerWhenATrustedPeerForwardsNothing() {
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", List.of()));
    }

    @Test
    void stopsAtTheLastTrustedHopWhenTheNextEntryIsNotAnAddress() {
        assertEquals("10.9.9.9", proxies.clientAddress("10.1.2.3", List.of("evil.example, 10.9.9.9")));
    }

    @Test
    void matchesIpv6Ranges() {
        assertEquals("2001:db8::1", proxies.clientAddress("fd12::1", List.of("2001:db8::1")));
    }

    @Test
    void doesNotTrustAnAddressJustOutsideARange() {
        assertEquals("11.0.0.1", proxies.clientAddress("11.0.0.1", List.of("198.51.100.1")));
    }

    @Test
    void refusesAMalformedRangeAtStartup() {
        assertThrows(IllegalStateException.class, () -> new TrustedProxies(List.of("ten.0.0.0/8")));
    }
}
