package com.mustbeviral.auth.session.rest;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.session.service.SessionFamilies;
import com.mustbeviral.auth.web.Caller;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A user's own sessions (devices). */
@Path("/api/auth/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SessionResource {

    private final SessionFamilies sessions;
    private final Caller caller;

    SessionResource(SessionFamilies sessions, Caller caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    /** The caller's live sessions, most recently used first. */
    public record SessionList(List<SessionView> data) {
    }

    /** How many sessions a bulk revocation ended. */
    public record Revoked(int revoked) {
    }

    @GET
    @Operation(summary = "List my live sessions; the one of this token is marked current")
    public SessionList list() throws SQLException {
        UUID current = caller.sessionId();
        return new SessionList(sessions.active(caller.userId()).stream().map(s -> SessionView.of(s, current)).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of my sessions")
    public Response revoke(@PathParam("id") UUID id) throws SQLException {
        if (!sessions.revoke(caller.userId(), id, "revoked_by_user")) {
            throw new Refusal(AuthRefusal.NO_SUCH_SESSION, "You have no live session " + id + ".");
        }
        return Response.noContent().build();
    }

    @DELETE
    @Operation(summary = "Revoke all my sessions except the one of this token")
    public Revoked revokeOthers() throws SQLException {
        return new Revoked(sessions.revokeOthers(caller.userId(), caller.sessionId(), "revoked_by_user"));
    }
}
