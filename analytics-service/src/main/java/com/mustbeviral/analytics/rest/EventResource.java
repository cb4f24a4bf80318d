package com.mustbeviral.analytics.rest;

import com.mustbeviral.analytics.EngagementEvent;
import com.mustbeviral.analytics.service.EventIngestion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Event ingestion from web and mobile clients. */
@Path("/api/events")
public class EventResource {

    private final EventIngestion ingestion;

    EventResource(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a batch of engagement events; a retried batch is not counted twice")
    public Response ingest(@Valid @NotNull EventBatch batch) throws SQLException {
        List<EngagementEvent> events = batch.events().stream()
                .map(e -> new EngagementEvent(e.id(), e.type(), e.contentId(), e.sessionId(),
                        e.properties() == null ? "{}" : e.properties().toString(), e.occurredAt()))
                .toList();
        return Response.accepted(ingestion.ingest(events)).build();
    }
}
