package com.mustbeviral.content.service;

import com.mustbeviral.platform.problem.Refusal;
import java.util.Set;

/**
 * Who is asking: the token's subject, its role (none for partners), and whether it is a partner
 * acting for a user (an authorization-code token, {@code sub} the user) or for itself
 * (client_credentials, {@code sub} = {@code client_id}: no user, so no content of its own).
 */
public record Caller(String id, String role, boolean partner, boolean actsForUser) {

    public static final Set<String> PRIVILEGED = Set.of("admin", "moderator");

    public static Caller person(String id, String role) {
        return new Caller(id, role, false, true);
    }

    /** An admin or a moderator: sees everything, acts on others' content (audited through events). */
    public boolean privileged() {
        return role != null && PRIVILEGED.contains(role);
    }

    public boolean admin() {
        return "admin".equals(role);
    }

    /** The role written into events: the token's role, or "partner". */
    public String actorRole() {
        return partner ? "partner" : role;
    }

    /** The user this caller writes as; refuses a partner that acts for no user. */
    public String userId() {
        if (!actsForUser) {
            throw new Refusal(ContentRefusal.NO_USER, "This partner token acts for no user, so it has no content.");
        }
        return id;
    }
}
