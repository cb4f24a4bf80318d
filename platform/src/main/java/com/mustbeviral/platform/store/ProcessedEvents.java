package com.mustbeviral.platform.store;

import com.mustbeviral.platform.events.EventHandler;
import com.mustbeviral.platform.events.InboundEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Ids of the consumed events already handled ({@code processed_events}): a consumer's guard against
 * redelivery. The claim and the event's effect commit together, or neither does.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final AgroalDataSource dataSource;
    private final Clock clock;

    ProcessedEvents(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Claims an event in the caller's transaction; false when it was handled already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String eventId) throws SQLException {
        String sql = "INSERT INTO processed_events (event_id, processed_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventId);
            ps.setLong(2, clock.millis());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * {@code handler} made idempotent: each event runs in a transaction of its own with its claim, and
     * an event claimed before changes nothing.
     */
    public EventHandler once(EventHandler handler) {
        return event -> handleOnce(event, handler);
    }

    // A @Transactional method rather than QuarkusTransaction, so that the interceptors a service binds
    // to @Transactional (the platform's WriterQueue and GroupCommit) see this transaction too.
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    void handleOnce(InboundEvent event, EventHandler handler) throws Exception {
        if (claim(event.id())) {
            handler.handle(event);
        }
    }
}
