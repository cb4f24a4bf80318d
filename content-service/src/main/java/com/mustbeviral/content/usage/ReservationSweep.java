package com.mustbeviral.content.usage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Expires abandoned reservations on a schedule ({@code content.usage.sweep-every}). A reservation
 * whose request died holds its unit until its expiry; without the sweep the unit came back only when
 * the same user was next refused, so counts read in between (a usage view) were off by the held units.
 */
@ApplicationScoped
class ReservationSweep {

    private static final Logger LOG = Logger.getLogger(ReservationSweep.class);

    private final UsageMeter meter;

    ReservationSweep(UsageMeter meter) {
        this.meter = meter;
    }

    @Scheduled(every = "${content.usage.sweep-every}", delayed = "${content.usage.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() throws SQLException {
        int expired = meter.expireAbandoned();
        if (expired > 0) {
            LOG.infof("Expired %d abandoned usage reservations", expired);
        }
    }
}
