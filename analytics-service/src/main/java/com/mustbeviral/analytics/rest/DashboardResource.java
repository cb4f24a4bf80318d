package com.mustbeviral.analytics.rest;

import com.mustbeviral.analytics.service.AnalyticsRefusal;
import com.mustbeviral.analytics.service.Dashboards;
import com.mustbeviral.analytics.service.Period;
import com.mustbeviral.platform.problem.Refusal;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Dashboards: a content's numbers (its author or an admin), a creator's overview, trending content.
 * Partner tokens need {@code analytics:read} and read for the user they act for.
 */
@Path("/api/analytics")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    private final Dashboards dashboards;
    private final Callers callers;

    DashboardResource(Dashboards dashboards, Callers callers) {
        this.dashboards = dashboards;
        this.callers = callers;
    }

    @GET
    @Path("/content/{id}")
    @Operation(summary = "A content's totals, time series (hour|day|week|month) and top sources, devices and countries")
    public String content(@PathParam("id") String id, @QueryParam("granularity") @DefaultValue("day") String granularity,
            @QueryParam("from") String from, @QueryParam("to") String to) throws Exception {
        Period period = Period.named(granularity).orElseThrow(() -> new Refusal(AnalyticsRefusal.INVALID_RANGE,
                "granularity must be hour, day, week or month."));
        return dashboards.content(callers.required(), uuid(id), period, time("from", from), time("to", to));
    }

    @GET
    @Path("/overview")
    @Operation(summary = "A creator's totals across their content, against the period before, and their best content")
    public String overview(@QueryParam("author_id") String authorId, @QueryParam("from") String from,
            @QueryParam("to") String to) throws Exception {
        return dashboards.overview(callers.required(), authorId == null ? null : uuid(authorId), time("from", from),
                time("to", to));
    }

    @GET
    @Path("/trending")
    @Operation(summary = "Live content gaining views fastest over a recent window of hours")
    public String trending(@QueryParam("window") @DefaultValue("PT6H") String window,
            @QueryParam("limit") @DefaultValue("10") int limit) throws Exception {
        callers.required();
        try {
            return dashboards.trending(Duration.parse(window), limit);
        } catch (DateTimeParseException e) {
            throw new Refusal(AnalyticsRefusal.INVALID_RANGE, "window '" + window + "' is not an ISO-8601 duration.");
        }
    }

    private static String uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id.toString();
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new Refusal(AnalyticsRefusal.CONTENT_NOT_FOUND, "'" + text + "' is not a content id.");
    }

    private static Instant time(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal(AnalyticsRefusal.INVALID_RANGE, name + " '" + text + "' is not an ISO-8601 time with an offset.");
        }
    }
}
