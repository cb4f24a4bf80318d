package com.mustbeviral.analytics.rest;

import com.mustbeviral.analytics.service.EventIngestion;
import com.mustbeviral.analytics.service.EventIngestion.Outcome;
import com.mustbeviral.analytics.service.EventIngestion.Receipt;
import com.mustbeviral.analytics.service.EventIngestion.Status;
import com.mustbeviral.platform.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Event ingestion from web and mobile clients, signed in or not. */
@Path("/api/events")
public class EventResource {

    /** WebDAV's Multi-Status: the answer says, event by event, what became of each. */
    static final int MULTI_STATUS = 207;

    private final EventIngestion ingestion;
    private final Callers callers;
    private final AnalyticsProblems problems;

    EventResource(EventIngestion ingestion, Callers callers, AnalyticsProblems problems) {
        this.ingestion = ingestion;
        this.callers = callers;
        this.problems = problems;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report up to 500 events; each is judged on its own, and a replayed event id counts once")
    public Response ingest(@Valid @NotNull EventBatch batch, @Context HttpServerRequest request) throws SQLException {
        Receipt receipt = ingestion.ingest(batch.events(), new EventIngestion.Visit(callers.userOrNull(),
                request.remoteAddress().hostAddress(), request.getHeader(HttpHeaders.USER_AGENT)));
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < receipt.outcomes().size(); i++) {
            Outcome outcome = receipt.outcomes().get(i);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", i);
            result.put("id", outcome.id());
            result.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
            if (outcome.refusal() != null) {
                result.put("problem", Problem.of(problems.typeOf(outcome.refusal().reason()), outcome.refusal().detail())
                        .body(null));
            }
            results.add(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", receipt.count(Status.ACCEPTED));
        body.put("duplicates", receipt.count(Status.DUPLICATE));
        body.put("refused", receipt.count(Status.REFUSED));
        body.put("bots", receipt.count(Status.BOT));
        body.put("results", results);
        return Response.status(receipt.count(Status.REFUSED) > 0 ? MULTI_STATUS : Response.Status.ACCEPTED.getStatusCode())
                .entity(body).build();
    }
}
