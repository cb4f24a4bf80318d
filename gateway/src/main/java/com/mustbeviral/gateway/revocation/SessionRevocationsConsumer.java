package com.mustbeviral.gateway.revocation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.contracts.auth.SessionRevoked;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Learns revoked sessions from {@code auth.sessions} ({@code session.revoked} CloudEvents) and
 * stores them in Redis. A record is acknowledged only after Redis has the marker; while Redis is
 * away the write is retried, so the offset never runs ahead of what the gateway knows. Other event
 * types on the topic are acknowledged and ignored.
 */
@ApplicationScoped
public class SessionRevocationsConsumer {

    private static final Logger LOG = Logger.getLogger(SessionRevocationsConsumer.class);

    private final RevokedSessions revokedSessions;
    private final ObjectMapper json;

    SessionRevocationsConsumer(RevokedSessions revokedSessions, ObjectMapper json) {
        this.revokedSessions = revokedSessions;
        this.json = json;
    }

    @Incoming("session-events")
    public Uni<Void> consume(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType).orElse(null);
        if (!SessionRevoked.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        SessionRevoked revoked;
        try {
            revoked = json.readValue(message.getPayload(), SessionRevoked.class);
        } catch (Exception e) {
            // Retrying cannot fix a payload; holding the partition for it would stop every later revocation.
            LOG.errorf("Ignoring a %s record whose payload does not parse: %s", type, e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        return Uni.createFrom().completionStage(() -> revokedSessions
                        .revoke(revoked.sessionId().toString(), revoked.accessTokensExpireBy()).toCompletionStage())
                .onFailure().invoke(e -> LOG.warnf("Could not store revoked session %s yet, retrying: %s",
                        revoked.sessionId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()));
    }
}
