package com.mustbeviral.platform.store;

import com.mustbeviral.platform.events.EventHandler;
import com.mustbeviral.platform.events.InboundEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ids of the consumed events already handled ({@code processed_events}): a consumer's guard against
 * redelivery. The claim and the event's effect commit together, or neither does.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** Ids per INSERT in {@link #claimAll}: 2 parameters each, far below SQLite's 32,766. */
    static final int IDS_PER_STATEMENT = 500;

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
     * Claims a batch's events in the caller's transaction, a few multi-row statements instead of one
     * per event; returns the ids that were new (claimed now), each once however often it occurs in
     * {@code eventIds}. The same as {@link #claim} for each id in turn.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> claimAll(Collection<String> eventIds) throws SQLException {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(eventIds));
        Set<String> claimed = new HashSet<>(distinct.size() * 2);
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < distinct.size(); from += IDS_PER_STATEMENT) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_STATEMENT));
                // RETURNING names only the rows inserted: an id claimed before hits DO NOTHING.
                String sql = "INSERT INTO processed_events (event_id, processed_at) VALUES "
                        + "(?, ?),".repeat(chunk.size() - 1) + "(?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING event_id";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int p = 1;
                    for (String id : chunk) {
                        ps.setString(p++, id);
                        ps.setLong(p++, now);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return claimed;
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
