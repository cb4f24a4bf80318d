package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.Invoice;
import com.mustbeviral.billing.Subscription;
import com.mustbeviral.billing.repository.InvoiceRepository;
import com.mustbeviral.billing.service.Entitlements;
import com.mustbeviral.billing.service.Subscriptions;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's own subscription: view, change (preview or apply), cancel, resume; their invoices. */
@Path("/api/billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final Subscriptions subscriptions;
    private final InvoiceRepository invoices;
    private final Callers callers;

    SubscriptionResource(Subscriptions subscriptions, InvoiceRepository invoices, Callers callers) {
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.callers = callers;
    }

    /** {@code preview: true} answers what the change would do and changes nothing. */
    public record ChangeRequest(@NotBlank String plan, Boolean preview) {
    }

    public record ChangeView(String from, String to, String kind, boolean applied, Instant effectiveAt,
            long amountDueNowCents, String currency, Instant periodStart, Instant periodEnd) {

        static ChangeView of(Subscriptions.ChangePreview p, boolean applied) {
            return new ChangeView(p.from(), p.to(), p.kind(), applied, p.effectiveAt(), p.amountDueNowCents(),
                    p.currency(), p.periodStart(), p.periodEnd());
        }
    }

    public record SubscriptionView(String plan, UUID subscriptionId, String status, Instant billingAnchor,
            Instant periodStart, Instant periodEnd, boolean cancelAtPeriodEnd, String pendingPlan) {

        static SubscriptionView of(Entitlements.Entitlement e) {
            if (e.subscription().isEmpty()) {
                return new SubscriptionView(e.plan().id(), null, "none", null, e.period().start(), e.period().end(),
                        false, null);
            }
            return of(e.subscription().get());
        }

        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.planId(), s.id(), s.status(), s.billingAnchor(), s.period().start(),
                    s.period().end(), s.cancelAtPeriodEnd(), s.pendingPlanId());
        }
    }

    public record InvoiceList(List<Invoice> data) {
    }

    @GET
    @Path("/subscription")
    @Operation(summary = "The caller's plan and subscription (status none on the default plan)")
    public SubscriptionView subscription() throws SQLException {
        return SubscriptionView.of(subscriptions.current(callers.user()));
    }

    @POST
    @Path("/subscription/change")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview or apply a plan change: an upgrade now (prorated), a downgrade at the period's end")
    public ChangeView change(@Valid @NotNull ChangeRequest request) throws SQLException {
        UUID user = callers.user();
        if (Boolean.TRUE.equals(request.preview())) {
            return ChangeView.of(subscriptions.preview(user, request.plan()), false);
        }
        return ChangeView.of(subscriptions.change(user, request.plan()), true);
    }

    @POST
    @Path("/subscription/cancel")
    @Operation(summary = "Back to the default plan at the period's end")
    public SubscriptionView cancel() throws SQLException {
        return SubscriptionView.of(subscriptions.cancel(callers.user()));
    }

    @POST
    @Path("/subscription/resume")
    @Operation(summary = "Undo a cancellation or a scheduled downgrade before the period ends")
    public SubscriptionView resume() throws SQLException {
        return SubscriptionView.of(subscriptions.resume(callers.user()));
    }

    @GET
    @Path("/invoices")
    @Operation(summary = "The caller's invoices, newest first")
    public InvoiceList invoices() throws SQLException {
        return new InvoiceList(invoices.of(callers.user(), 100));
    }
}
