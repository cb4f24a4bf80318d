package com.mustbeviral.auth.session.service;

import com.mustbeviral.auth.partner.service.OAuthGrants;
import com.mustbeviral.platform.revocation.RevokedSessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Which access tokens auth refuses by their {@code sid}, answered from its own sessions and partner
 * grants rather than from the {@code revoked_sessions} table the other services learn from events:
 * the platform's {@code RevokedSessionCheck} asks it on every authenticated request, so no endpoint
 * can forget it. A {@code sid} is live while a live session (a person's login) or a live partner
 * grant (whose id is its tokens' {@code sid}) has it; revoked, expired or unknown, it is refused.
 */
@ApplicationScoped
public class EndedSessions implements RevokedSessions {

    private final SessionFamilies sessions;
    private final OAuthGrants grants;

    EndedSessions(SessionFamilies sessions, OAuthGrants grants) {
        this.sessions = sessions;
        this.grants = grants;
    }

    @Override
    public boolean isRevoked(String sessionId) {
        UUID id;
        try {
            id = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return true; // no session of ours
        }
        try {
            return !sessions.isActive(id) && !grants.isActive(id);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read sessions", e);
        }
    }
}
