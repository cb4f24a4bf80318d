package com.mustbeviral.gateway.ratelimit;

import io.netty.util.NetUtil;
import java.util.List;

/**
 * Finds the client's address for per-address limits. X-Forwarded-For is believed only as far as it
 * was written by trusted proxies: the gateway walks it from the right (the hop nearest to itself)
 * past trusted addresses, and the first address that is not one is the client. A client can put
 * anything at the left end of the header, so nothing left of that point counts.
 */
public final class TrustedProxies {

    private final List<Cidr> trusted;

    public TrustedProxies(List<String> ranges) {
        this.trusted = ranges.stream().map(Cidr::parse).toList();
    }

    /** The client address of a request from {@code peer} carrying these X-Forwarded-For values. */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        String nearestTrusted = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = strip(hops[i]);
            if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
                return nearestTrusted; // garbage written by someone untrusted: the last trusted hop saw the client
            }
            if (!isTrusted(hop)) {
                return hop;
            }
            nearestTrusted = hop;
        }
        return nearestTrusted;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(strip(address));
        if (bytes == null) {
            return false;
        }
        for (Cidr range : trusted) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String hop) {
        String trimmed = hop.trim();
        return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** An address range such as {@code 10.0.0.0/8}, or one address. */
    private record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String range) {
            String[] parts = range.trim().split("/");
            byte[] network = NetUtil.createByteArrayFromIpAddressString(strip(parts[0]));
            if (network == null || parts.length > 2) {
                throw new IllegalStateException("Trusted proxy '" + range + "' is not an IP address or CIDR range");
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            return new Cidr(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
