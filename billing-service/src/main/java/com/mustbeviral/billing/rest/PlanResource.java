package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.Plan;
import com.mustbeviral.billing.config.BillingConfig;
import com.mustbeviral.billing.repository.PlanRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The public price list. */
@Path("/api/billing/plans")
public class PlanResource {

    private final PlanRepository plans;
    private final BillingConfig config;

    PlanResource(PlanRepository plans, BillingConfig config) {
        this.plans = plans;
        this.config = config;
    }

    /** A list object, as Stripe returns lists, and the plan a user has without a subscription. */
    public record PlanList(List<Plan> data, String defaultPlan) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Plans open for sign-up, with their included usage per period")
    public PlanList list() throws SQLException {
        return new PlanList(plans.active(), config.defaultPlan());
    }
}
