package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.config.AuthConfig;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...}). At most one
 * hash per core runs at a time: more would not finish sooner, and each holds its memory cost
 * (7 MiB by default) outside the heap, so a burst of logins would inflate memory for nothing.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final Semaphore slots = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
    private final AuthConfig.Password cost;

    PasswordHasher(AuthConfig config) {
        this.cost = config.password();
    }

    public String hash(String password) {
        return withSlot(chars -> argon2.hash(cost.iterations(), cost.memoryKib(), cost.parallelism(), chars), password);
    }

    public boolean matches(String hash, String password) {
        return withSlot(chars -> argon2.verify(hash, chars), password);
    }

    /** Whether a stored hash was made with other parameters than the configured ones. */
    public boolean outdated(String hash) {
        return argon2.needsRehash(hash, cost.iterations(), cost.memoryKib(), cost.parallelism());
    }

    private <T> T withSlot(Function<char[], T> work, String password) {
        char[] chars = password.toCharArray();
        slots.acquireUninterruptibly();
        try {
            return work.apply(chars);
        } finally {
            slots.release();
            argon2.wipeArray(chars);
        }
    }
}
