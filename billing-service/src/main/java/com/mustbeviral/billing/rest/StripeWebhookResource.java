package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.service.StripeWebhooks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Stripe's webhooks: public (no token), but nothing unsigned gets past the signature check. */
@Path("/api/webhooks/stripe")
public class StripeWebhookResource {

    private final StripeWebhooks webhooks;

    StripeWebhookResource(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A Stripe event, verified by its Stripe-Signature; handled once per event id")
    public Map<String, String> receive(String payload, @HeaderParam("Stripe-Signature") String signature)
            throws SQLException {
        return Map.of("outcome", webhooks.receive(payload, signature).name().toLowerCase());
    }
}
