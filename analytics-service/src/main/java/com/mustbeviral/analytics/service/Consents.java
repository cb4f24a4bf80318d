package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.repository.AudienceRepository;
import com.mustbeviral.contracts.auth.ConsentChanged;
import com.mustbeviral.platform.store.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The {@code analytics} consent (consent.changed from auth): a user who withdrew it is counted only
 * anonymously, as the consent text says; one who grants it again is counted as themselves again.
 * Other purposes are not analytics' business.
 */
@ApplicationScoped
public class Consents {

    public static final String ANALYTICS = "analytics";

    private final ProcessedEvents processed;
    private final AudienceRepository audience;
    private final Clock clock;

    Consents(ProcessedEvents processed, AudienceRepository audience, Clock clock) {
        this.processed = processed;
        this.audience = audience;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public void changed(String eventId, ConsentChanged changed) throws SQLException {
        if (!ANALYTICS.equals(changed.purpose()) || !processed.claim(eventId)) {
            return;
        }
        if (changed.granted()) {
            audience.optIn(changed.userId().toString());
        } else {
            audience.optOut(changed.userId().toString(), clock.millis());
        }
    }
}
