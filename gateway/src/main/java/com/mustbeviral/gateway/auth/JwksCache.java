package com.mustbeviral.gateway.auth;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * auth-service's signing keys, held in memory and fetched again when a token names a key id the
 * cache does not know (auth rotated its key). A fetch starts at most once per minimum interval, and
 * requests arriving while one is under way wait for that same fetch: a flood of tokens with made-up
 * key ids costs auth at most one JWKS request per interval.
 */
final class JwksCache {

    private static final Logger LOG = Logger.getLogger(JwksCache.class);

    private final Supplier<Future<String>> source;
    private final LongSupplier nanoClock;
    private final long minIntervalNanos;

    private volatile SigningKeys keys = SigningKeys.NONE;
    private volatile Runnable onKeysChanged = () -> { };
    // Guarded by this: when the last fetch started, and the fetch under way, if any.
    private boolean fetchedOnce;
    private long lastFetchNanos;
    private Future<SigningKeys> inFlight;

    JwksCache(Supplier<Future<String>> source, Duration minInterval, LongSupplier nanoClock) {
        this.source = source;
        this.minIntervalNanos = minInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Runs {@code listener} whenever a fetch brings a different key set. */
    void onKeysChanged(Runnable listener) {
        this.onKeysChanged = listener;
    }

    /** The key with id {@code kid} if the cache holds it now. */
    Optional<PublicKey> cachedKey(String kid) {
        return keys.key(kid);
    }

    /** The key with id {@code kid}: cached, or after the one fetch the interval allows; empty if unknown. */
    Future<Optional<PublicKey>> resolve(String kid) {
        Optional<PublicKey> cached = keys.key(kid);
        if (cached.isPresent()) {
            return Future.succeededFuture(cached);
        }
        Future<SigningKeys> fetch = fetchIfAllowed();
        return fetch == null ? Future.succeededFuture(Optional.empty()) : fetch.map(fetched -> fetched.key(kid));
    }

    /** Fetches the set now (unless a fetch is under way), so that withdrawn keys stop being accepted. */
    synchronized Future<SigningKeys> refresh() {
        return inFlight != null ? inFlight : fetchNow();
    }

    private synchronized Future<SigningKeys> fetchIfAllowed() {
        if (inFlight != null) {
            return inFlight;
        }
        if (fetchedOnce && nanoClock.getAsLong() - lastFetchNanos < minIntervalNanos) {
            return null;
        }
        return fetchNow();
    }

    // Called holding the lock.
    private Future<SigningKeys> fetchNow() {
        fetchedOnce = true;
        lastFetchNanos = nanoClock.getAsLong();
        Future<SigningKeys> fetch = source.get()
                .map(json -> {
                    try {
                        return SigningKeys.parse(json);
                    } catch (Exception e) {
                        throw new IllegalStateException("JWKS is not a valid key set: " + e.getMessage(), e);
                    }
                })
                .onSuccess(fetched -> {
                    boolean changed = !fetched.equals(keys);
                    keys = fetched;
                    if (changed) {
                        onKeysChanged.run();
                    }
                })
                // Keep the keys we have: auth being briefly away must not reject tokens it signed with them.
                .recover(failure -> {
                    LOG.warnf("Could not fetch the JWKS; keeping %d cached keys: %s", keys.byKid().size(), failure.getMessage());
                    return Future.succeededFuture(keys);
                });
        inFlight = fetch;
        fetch.onComplete(done -> clearInFlight(fetch));
        return fetch;
    }

    private synchronized void clearInFlight(Future<SigningKeys> done) {
        if (inFlight == done) {
            inFlight = null;
        }
    }
}
