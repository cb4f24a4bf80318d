package com.mustbeviral.content.rest;

import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.service.Cursor;
import com.mustbeviral.content.service.Moderation;
import com.mustbeviral.content.service.Moderation.Queued;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The moderation queue and decisions, for moderators and admins (never partners). */
@Path("/api/moderation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "moderator", "admin" })
public class ModerationResource {

    private final Moderation moderation;
    private final Callers callers;
    private final ContentConfig config;

    ModerationResource(Moderation moderation, Callers callers, ContentConfig config) {
        this.moderation = moderation;
        this.callers = callers;
        this.config = config;
    }

    /** A queued piece: its current state, and the content as it was flagged (which the decision is about). */
    public record QueueItem(ContentView content, long flaggedVersion, ContentRequest flaggedContent) {
    }

    /** approve | reject; a rejection says why (the author reads it); {@code version}: the flagged version seen. */
    public record Decision(@NotNull @Pattern(regexp = "approve|reject", message = "must be approve or reject") String decision,
            @Size(max = 2000) String reason, @Min(1) Long version) {

        @AssertTrue(message = "a rejection needs a reason")
        public boolean isReasonGivenForRejection() {
            return !"reject".equals(decision) || (reason != null && !reason.isBlank());
        }
    }

    /** Why a moderator sends a piece to review. */
    public record Flag(@Size(max = 2000) String reason) {
    }

    @GET
    @Path("/queue")
    @Operation(summary = "Content waiting for review, oldest first, each with the version that was flagged")
    public ContentResource.Page<QueueItem> queue(@QueryParam("limit") @Min(1) @Max(100) Integer limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) throws SQLException {
        int size = limit == null ? config.defaultPageSize() : limit;
        List<Queued> rows = moderation.queue(Cursor.decode(cursor), size + 1);
        boolean more = rows.size() > size;
        List<Queued> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            Queued last = page.get(page.size() - 1);
            next = new Cursor(last.content().updatedAt(), last.content().id()).encode();
        }
        var caller = callers.required();
        return new ContentResource.Page<>(page.stream().map(q -> new QueueItem(ContentView.of(q.content(), caller),
                q.flaggedVersion(), ContentRequest.of(q.flagged()))).toList(), next);
    }

    @POST
    @Path("/{content_id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve (back to draft; this text is never flagged again) or reject (with a reason)")
    public Response decide(@PathParam("content_id") @Pattern(regexp = ContentResource.UUID) String id,
            @Valid @NotNull Decision decision) throws SQLException {
        var caller = callers.required();
        var c = moderation.decide(caller, id, "approve".equals(decision.decision()), decision.reason(), decision.version());
        return Response.ok(ContentView.of(c, caller)).tag(ContentResource.etag(c)).build();
    }

    @POST
    @Path("/{content_id}/flag")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send any piece to the review queue")
    public Response flag(@PathParam("content_id") @Pattern(regexp = ContentResource.UUID) String id,
            @Valid @NotNull Flag flag) throws SQLException {
        var caller = callers.required();
        var c = moderation.flag(caller, id, flag.reason());
        return Response.ok(ContentView.of(c, caller)).tag(ContentResource.etag(c)).build();
    }
}
