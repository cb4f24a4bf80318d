package com.mustbeviral.auth.admin.rest;

import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.admin.service.AdminUsers;
import com.mustbeviral.auth.web.Caller;
import com.mustbeviral.auth.web.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Accounts as admins manage them. Every call is published for the audit trail. */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminUserResource {

    private final AdminUsers admin;
    private final Caller caller;

    AdminUserResource(AdminUsers admin, Caller caller) {
        this.admin = admin;
        this.caller = caller;
    }

    /** One page of accounts; pass {@code next_cursor} as {@code cursor} for the next (null on the last). */
    public record UserPage(List<AdminUserView> data, String nextCursor) {
    }

    @GET
    @Operation(summary = "List live accounts newest first, by username prefix or whole email (any case) and role",
            description = "q matches the start of a username or a whole email address, in any case. Emails are"
                    + " stored encrypted and found through a keyed hash, so a part of an email finds nothing.")
    public UserPage list(
            @QueryParam("q") @Size(max = 254) String q,
            @QueryParam("role") @Pattern(regexp = "creator|influencer|admin|moderator", message = "creator, influencer, admin or moderator") String role,
            @QueryParam("limit") @DefaultValue("20") @Pattern(regexp = "[1-9][0-9]?|100", message = "an integer from 1 to 100") String limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) throws SQLException {
        String text = q == null || q.isBlank() ? null : q.trim();
        AdminUsers.Page page = admin.list(caller.userId(), text, role == null ? null : Role.fromWireName(role),
                cursor == null || cursor.isEmpty() ? null : cursor, Integer.parseInt(limit));
        return new UserPage(page.users().stream().map(AdminUserView::of).toList(), page.nextCursor());
    }

    @PATCH
    @Path("/{id}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Change an account's role; an admin cannot demote themself")
    public AdminUserView changeRole(@PathParam("id") UUID id, @Valid @NotNull RoleChangeRequest request)
            throws SQLException {
        return AdminUserView.of(admin.changeRole(caller.userId(), id, request.role()));
    }
}
