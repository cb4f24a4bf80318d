package com.mustbeviral.billing.rest;

import com.mustbeviral.billing.service.UsageViews;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's usage in the current period, per feature, from billing's ledger. */
@Path("/api/billing/usage")
public class UsageResource {

    private final UsageViews usage;
    private final Callers callers;

    UsageResource(UsageViews usage, Callers callers) {
        this.usage = usage;
        this.callers = callers;
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The current period's limit, used and remaining units per metered feature")
    public UsageViews.UsageView usage() throws SQLException {
        return usage.of(callers.user());
    }
}
