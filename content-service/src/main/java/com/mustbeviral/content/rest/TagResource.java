package com.mustbeviral.content.rest;

import com.mustbeviral.content.Tag;
import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.repository.TagRepository;
import com.mustbeviral.content.security.PartnerScopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Tags. */
@Path("/api/tags")
public class TagResource {

    private final TagRepository tags;
    private final ContentConfig config;

    private final java.time.Clock clock;

    TagResource(TagRepository tags, ContentConfig config, java.time.Clock clock) {
        this.tags = tags;
        this.config = config;
        this.clock = clock;
    }

    /** One page of tags; {@code next_cursor} is null on the last page. */
    public record TagPage(List<Tag> data, String nextCursor) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_READ })
    @Operation(summary = "All tags in alphabetical order, paginated with limit and cursor")
    public TagPage list(@QueryParam("limit") @Min(1) @Max(100) Integer limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) throws SQLException {
        int size = limit == null ? config.defaultPageSize() : limit;
        // One extra row tells whether another page exists.
        List<Tag> rows = tags.page(cursor == null ? "" : cursor, size + 1);
        boolean more = rows.size() > size;
        List<Tag> page = more ? rows.subList(0, size) : rows;
        return new TagPage(page, more ? page.get(page.size() - 1).slug() : null);
    }

    /** Trending tags: by how many pieces published within {@code content.tags.trending-window} carry them. */
    public record Trending(List<Tag> data, java.time.Instant since) {
    }

    @GET
    @Path("/trending")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "creator", "influencer", "admin", "moderator", PartnerScopes.CONTENT_READ })
    @Operation(summary = "Tags of the most content published within the trending window")
    public Trending trending(@QueryParam("limit") @Min(1) @Max(100) Integer limit) throws SQLException {
        java.time.Instant since = clock.instant().minus(config.tags().trendingWindow());
        return new Trending(tags.trending(since.toEpochMilli(), limit == null ? 10 : limit), since);
    }
}
