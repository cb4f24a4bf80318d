package com.mustbeviral.content.rest;

import com.mustbeviral.content.search.SearchFilter;
import com.mustbeviral.content.search.SearchRefusal;
import com.mustbeviral.content.search.Searches;
import com.mustbeviral.content.service.Caller;
import com.mustbeviral.content.service.Slugs;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Search (keyword, semantic, hybrid) and similar content: public reads, plus the author's own pieces when signed in. */
@Path("/api/content")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private static final int DEFAULT_LIMIT = 20;

    private final Searches searches;
    private final Callers callers;

    SearchResource(Searches searches, Callers callers) {
        this.searches = searches;
        this.callers = callers;
    }

    /** A found piece: the piece as any read shows it, its score in the ranking, and for word matches a snippet (HTML, hits in {@code <mark>}). */
    public record Hit(ContentView content, double score, String snippet) {
    }

    @GET
    @Path("/search")
    @PermitAll
    @Operation(summary = "Search published public content (and, signed in, your own): keyword, semantic or hybrid (default)")
    public ContentResource.Page<Hit> search(@QueryParam("q") String q, @QueryParam("mode") @Size(max = 20) String mode,
            @QueryParam("type") @Pattern(regexp = "blog_post|social_post|video_script") String type,
            @QueryParam("tag") @Size(max = 100) String tag,
            @QueryParam("author") @Pattern(regexp = ContentResource.UUID) String author,
            @QueryParam("from") @Size(max = 40) String from, @QueryParam("to") @Size(max = 40) String to,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("cursor") @Size(max = 200) String cursor)
            throws SQLException, IOException {
        Caller caller = callers.current();
        String viewer = caller != null && caller.actsForUser() ? caller.id() : null;
        SearchFilter filter = new SearchFilter(type, tag == null ? null : Slugs.of(tag), author == null ? null : author.toLowerCase(),
                instant("from", from), instant("to", to));
        Searches.Page page = searches.search(q, mode, filter, viewer, limit == null ? DEFAULT_LIMIT : limit, cursor);
        return new ContentResource.Page<>(views(page.hits(), caller), page.nextCursor());
    }

    @GET
    @Path("/{id}/similar")
    @PermitAll
    @Operation(summary = "The published public pieces nearest in meaning to one piece (never itself)")
    public ContentResource.Page<Hit> similar(@PathParam("id") @Pattern(regexp = ContentResource.UUID) String id,
            @QueryParam("limit") @Min(1) @Max(50) Integer limit) throws SQLException, IOException {
        Caller caller = callers.current();
        String viewer = caller != null && caller.actsForUser() ? caller.id() : null;
        return new ContentResource.Page<>(views(searches.similar(id.toLowerCase(), viewer, limit == null ? 10 : limit), caller),
                null);
    }

    private static List<Hit> views(List<Searches.Hit> hits, Caller caller) {
        return hits.stream().map(h -> new Hit(ContentView.of(h.content(), caller), h.score(), h.snippet())).toList();
    }

    private static Instant instant(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal(SearchRefusal.INVALID_FILTER, name + " is an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z.")
                    .with("parameter", name);
        }
    }
}
