package com.mustbeviral.audit.service;

import com.mustbeviral.audit.AuditRecord;
import com.mustbeviral.audit.ReceivedEvent;
import com.mustbeviral.audit.config.AuditConfig;
import com.mustbeviral.audit.repository.AuditLogRepository;
import com.mustbeviral.platform.events.InboundEvent;
import com.mustbeviral.platform.store.ProcessedEvents;
import com.mustbeviral.platform.store.RevokedSessionsTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** The tamper-evident trail of the fleet's domain events: each event is chained exactly once. */
@ApplicationScoped
public class AuditTrail {

    private final AuditLogRepository log;
    private final ProcessedEvents processed;
    private final RevokedSessionsTable revokedSessions;
    private final AuditConfig config;
    private final Clock clock;

    AuditTrail(AuditLogRepository log, ProcessedEvents processed, RevokedSessionsTable revokedSessions,
            AuditConfig config, Clock clock) {
        this.log = log;
        this.processed = processed;
        this.revokedSessions = revokedSessions;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Appends events to the chain in order, in one transaction with their processed-event marks, and
     * learns the session revocations among them (zero trust: this service refuses those tokens too).
     * An event recorded before (a redelivery) is skipped.
     *
     * @return how many events were new
     */
    @Transactional(rollbackOn = Exception.class)
    public int recordAll(List<InboundEvent> events) throws SQLException {
        String prevHash = log.lastHash().orElse(config.genesisHash());
        int recorded = 0;
        for (InboundEvent inbound : events) {
            if (processed.claim(inbound.id())) {
                revokedSessions.learn(inbound);
                ReceivedEvent event = ReceivedEvent.of(inbound);
                String hash = ChainHash.of(prevHash, event);
                log.append(event, prevHash, hash, clock.instant());
                prevHash = hash;
                recorded++;
            }
        }
        return recorded;
    }

    /** Recomputes every hash from the genesis on; the first broken link is reported. */
    public ChainVerification verify() throws SQLException {
        String expectedPrev = config.genesisHash();
        long checked = 0;
        long afterSeq = 0;
        List<AuditRecord> page;
        while (!(page = log.page(afterSeq, config.verifyBatchSize())).isEmpty()) {
            for (AuditRecord r : page) {
                ReceivedEvent event = new ReceivedEvent(r.eventId(), r.eventType(), r.source(), r.subject(),
                        r.occurredAt(), r.payload());
                if (!r.prevHash().equals(expectedPrev) || !r.hash().equals(ChainHash.of(expectedPrev, event))) {
                    return ChainVerification.brokenAt(r.seq(), checked);
                }
                expectedPrev = r.hash();
                checked++;
                afterSeq = r.seq();
            }
        }
        return ChainVerification.intact(checked, expectedPrev);
    }
}
