package com.mustbeviral.audit.rest;

import com.mustbeviral.audit.service.AuditTrail;
import com.mustbeviral.audit.service.ChainVerification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail over HTTP: admins only (a partner's token has no role, so never passes). */
@Path("/api/audit")
@RolesAllowed("admin")
public class AuditResource {

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the hash chain and report whether any record was changed or removed")
    public ChainVerification verify() throws SQLException {
        return trail.verify();
    }
}
