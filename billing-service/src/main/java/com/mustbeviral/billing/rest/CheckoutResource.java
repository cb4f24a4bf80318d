package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.service.StripeAccount;
import com.mustbeviral.billing.service.StripeCheckout;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Stripe Checkout for an upgrade, and the Stripe customer portal. */
@Path("/api/billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutResource {

    private final StripeCheckout checkout;
    private final Callers callers;

    CheckoutResource(StripeCheckout checkout, Callers callers) {
        this.checkout = checkout;
        this.callers = callers;
    }

    public record CheckoutRequest(@NotBlank String plan) {
    }

    public record PortalLink(String url) {
    }

    @POST
    @Path("/checkout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A Stripe Checkout session for a paid plan (409 in local mode)")
    public StripeAccount.CheckoutSession checkout(@Valid @NotNull CheckoutRequest request) throws SQLException {
        return checkout.start(callers.user(), request.plan());
    }

    @POST
    @Path("/portal")
    @Operation(summary = "A link to Stripe's customer portal (409 without a Stripe customer)")
    public PortalLink portal() throws SQLException {
        return new PortalLink(checkout.portal(callers.user()));
    }
}
