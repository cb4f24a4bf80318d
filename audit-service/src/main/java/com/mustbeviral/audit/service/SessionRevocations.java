package com.mustbeviral.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.audit.ReceivedEvent;
import com.mustbeviral.audit.repository.RevokedSessions;
import com.mustbeviral.contracts.auth.SessionRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Learns from {@code session.revoked} events which sessions' access tokens this service must refuse
 * before they expire (zero trust: the gateway refuses them too, from the same events).
 */
@ApplicationScoped
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);

    private final RevokedSessions revoked;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    SessionRevocations(RevokedSessions revoked, ObjectMapper json) {
        this.revoked = revoked;
        this.json = json;
    }

    /** Records the revocations among {@code events}; call it in the transaction that records them. */
    public void learnFrom(List<ReceivedEvent> events) throws SQLException {
        boolean any = false;
        for (ReceivedEvent event : events) {
            if (!SessionRevoked.TYPE.equals(event.type())) {
                continue;
            }
            SessionRevoked revocation = readable(event);
            if (revocation != null) {
                revoked.revoke(revocation.sessionId().toString(), revocation.accessTokensExpireBy());
                any = true;
            }
        }
        if (any) {
            revoked.forgetExpired(clock.instant());
        }
    }

    /** The revocation, or null (logged) when the event cannot be one: it must not stop the trail. */
    private SessionRevoked readable(ReceivedEvent event) {
        try {
            SessionRevoked revocation = json.readValue(event.payload(), SessionRevoked.class);
            if (revocation.sessionId() != null && revocation.accessTokensExpireBy() != null) {
                return revocation;
            }
            LOG.errorf("Ignoring %s event %s without session_id or access_tokens_expire_by", event.type(), event.id());
        } catch (JsonProcessingException e) {
            LOG.errorf("Ignoring %s event %s whose payload does not parse: %s", event.type(), event.id(), e.getMessage());
        }
        return null;
    }
}
