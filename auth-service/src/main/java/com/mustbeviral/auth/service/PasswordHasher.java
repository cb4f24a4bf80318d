package com.mustbeviral.auth.service;

import com.mustbeviral.auth.config.AuthConfig;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import jakarta.enterprise.context.ApplicationScoped;

/** argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...}). */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final AuthConfig.Password cost;

    PasswordHasher(AuthConfig config) {
        this.cost = config.password();
    }

    public String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.hash(cost.iterations(), cost.memoryKib(), cost.parallelism(), chars);
        } finally {
            argon2.wipeArray(chars);
        }
    }

    public boolean matches(String hash, String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.verify(hash, chars);
        } finally {
            argon2.wipeArray(chars);
        }
    }
}
