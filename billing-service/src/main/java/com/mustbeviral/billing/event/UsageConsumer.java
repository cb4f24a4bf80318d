package com.mustbeviral.billing.event;

import com.mustbeviral.billing.service.UsageIntake;
import com.mustbeviral.platform.events.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code usage.incremented} from {@code billing.usage}: one poll, one transaction (the ledger's
 * throughput); a malformed record goes to {@code billing.usage.dlq} and the rest are booked.
 */
@ApplicationScoped
public class UsageConsumer {

    private final InboundEvents inbound;
    private final UsageIntake intake;

    UsageConsumer(InboundEvents inbound, UsageIntake intake) {
        this.inbound = inbound;
        this.intake = intake;
    }

    @Incoming("usage")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        inbound.handleBatch(records, intake::bookAll);
    }
}
