package com.mustbeviral.gateway.ratelimit;

import com.mustbeviral.gateway.config.GatewayConfig;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Finds the client's address for per-address limits. X-Forwarded-For is believed only as far as it
 * was written by trusted proxies: the gateway walks it from the right (the hop nearest to itself)
 * past trusted addresses, and the first address that is not one is the client. A client can put
 * anything at the left end of the header, so nothing left of that point counts.
 */
@Singleton
public class TrustedProxies {

    /** Routing-context key of the client's address, as {@link #resolve} found it. */
    public static final String CLIENT_ADDRESS = "gateway.client-address";
    /** Routing-context key of the scheme a trusted proxy says the client used; absent otherwise. */
    public static final String FORWARDED_PROTO = "gateway.forwarded-proto";

    private final List<Cidr> trusted;

    @Inject
    TrustedProxies(GatewayConfig config) {
        this(config.rateLimit().trustedProxies().orElse(List.of()));
    }

    public TrustedProxies(List<String> ranges) {
        this.trusted = ranges.stream().map(Cidr::parse).toList();
    }

    /**
     * Puts the client's address (and, from a trusted proxy, the scheme it says the client used) on
     * {@code ctx}, once per request: the rate limit counts by it and upstreams are told only it.
     */
    public void resolve(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress().hostAddress();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            ctx.put(CLIENT_ADDRESS, peer);
            return;
        }
        ctx.put(CLIENT_ADDRESS, clientAddress(peer, request.headers().getAll("X-Forwarded-For")));
        List<String> proto = request.headers().getAll("X-Forwarded-Proto");
        if (proto.size() == 1 && (proto.get(0).equals("https") || proto.get(0).equals("http"))) {
            ctx.put(FORWARDED_PROTO, proto.get(0));
        }
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
