package com.mustbeviral.billing;

import java.time.Instant;
import java.util.UUID;

/** A charge: a prorated upgrade or a renewal, computed locally or Stripe's own. */
public record Invoice(UUID id, UUID userId, UUID subscriptionId, long amountCents, String currency,
        String description, Instant periodStart, Instant periodEnd, String status, String stripeInvoiceId,
        Instant createdAt) {
}
