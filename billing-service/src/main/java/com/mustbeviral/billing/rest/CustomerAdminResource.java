package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.repository.InvoiceRepository;
import com.mustbeviral.billing.service.CustomerViews;
import com.mustbeviral.billing.service.Subscriptions;
import com.mustbeviral.billing.service.UsageViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** An admin's view of any customer; each view is audited ({@code customer.viewed}). */
@Path("/api/billing/admin/customers/{user_id}")
public class CustomerAdminResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final CustomerViews views;
    private final Subscriptions subscriptions;
    private final UsageViews usage;
    private final InvoiceRepository invoices;
    private final Callers callers;

    CustomerAdminResource(CustomerViews views, Subscriptions subscriptions, UsageViews usage,
            InvoiceRepository invoices, Callers callers) {
        this.views = views;
        this.subscriptions = subscriptions;
        this.usage = usage;
        this.invoices = invoices;
        this.callers = callers;
    }

    public record CustomerView(SubscriptionResource.SubscriptionView subscription, UsageViews.UsageView usage,
            SubscriptionResource.InvoiceList invoices) {
    }

    @GET
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A customer's subscription, usage and invoices (admins; audited)")
    public CustomerView view(@PathParam("user_id") @Pattern(regexp = UUID_PATTERN) String userId) throws SQLException {
        UUID user = UUID.fromString(userId);
        views.record(callers.user(), user);
        return new CustomerView(SubscriptionResource.SubscriptionView.of(subscriptions.current(user)),
                usage.of(user), new SubscriptionResource.InvoiceList(invoices.of(user, 100)));
    }
}
