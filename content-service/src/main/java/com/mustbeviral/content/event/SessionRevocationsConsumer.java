package com.mustbeviral.content.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.content.repository.RevokedSessions;
import com.mustbeviral.contracts.auth.SessionRevoked;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Learns revoked sessions from {@code auth.sessions} ({@code session.revoked}); every other event
 * type there is acknowledged and ignored. The record is acknowledged after the revocation is
 * stored, so the offset never runs ahead of the database; a redelivery stores the same row again.
 */
@ApplicationScoped
public class SessionRevocationsConsumer {

    private static final Logger LOG = Logger.getLogger(SessionRevocationsConsumer.class);

    private final RevokedSessions revoked;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    SessionRevocationsConsumer(RevokedSessions revoked, ObjectMapper json) {
        this.revoked = revoked;
        this.json = json;
    }

    @Incoming("session-revocations")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) throws SQLException {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse(null);
        if (SessionRevoked.TYPE.equals(type)) {
            SessionRevoked revocation = readable(message.getPayload());
            if (revocation != null) {
                revoked.revoke(revocation.sessionId().toString(), revocation.accessTokensExpireBy());
                revoked.forgetExpired(clock.instant());
            }
        }
        return message.ack();
    }

    /** The revocation, or null (logged) when the record cannot be one: it must not stop the channel. */
    private SessionRevoked readable(String payload) {
        try {
            SessionRevoked revocation = json.readValue(payload, SessionRevoked.class);
            if (revocation.sessionId() != null && revocation.accessTokensExpireBy() != null) {
                return revocation;
            }
            LOG.errorf("Ignoring a %s record without session_id or access_tokens_expire_by", SessionRevoked.TYPE);
        } catch (JsonProcessingException e) {
            LOG.errorf("Ignoring a %s record whose payload does not parse: %s", SessionRevoked.TYPE, e.getMessage());
        }
        return null;
    }
}
