package com.mustbeviral.auth.account.rest;

import com.mustbeviral.auth.account.service.PasswordChange;
import com.mustbeviral.auth.web.Caller;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A signed-in user's password change. */
@Path("/api/users/me/password")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResource {

    public record PasswordChangeRequest(@NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(min = 8, max = 128) String newPassword) {
    }

    public record PasswordChanged(int sessionsRevoked) {
    }

    private final PasswordChange change;
    private final Caller caller;

    PasswordResource(PasswordChange change, Caller caller) {
        this.change = change;
        this.caller = caller;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my password (the current one required); my other sessions end")
    public Response change(@Valid @NotNull PasswordChangeRequest request, @Context HttpServerRequest http)
            throws SQLException {
        int revoked = change.change(caller.userId(), caller.sessionId(), request.currentPassword(),
                request.newPassword(), http.remoteAddress().hostAddress());
        return Response.ok(new PasswordChanged(revoked)).build();
    }
}
