package com.mustbeviral.content.rest;

import com.mustbeviral.content.search.Discovery;
import com.mustbeviral.content.security.PartnerScopes;
import com.mustbeviral.content.service.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Recommendations for the signed-in user, and creators whose work is near a creator's (for brands). */
@Path("/api/content")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    private final Discovery discovery;
    private final Callers callers;

    DiscoveryResource(Discovery discovery, Callers callers) {
        this.discovery = discovery;
        this.callers = callers;
    }

    @GET
    @Path("/recommended")
    @RolesAllowed({ "creator", "influencer", "admin", "moderator", PartnerScopes.CONTENT_READ })
    @Operation(summary = "Pieces near what I write, mixed with trending ones; never my own")
    public ContentResource.Page<SearchResource.Hit> recommended(@QueryParam("limit") @Min(1) @Max(50) Integer limit)
            throws SQLException, IOException {
        Caller caller = callers.required();
        return new ContentResource.Page<>(discovery.recommended(caller.userId(), limit == null ? 20 : limit).stream()
                .map(h -> new SearchResource.Hit(ContentView.of(h.content(), caller), h.score(), null)).toList(), null);
    }

    @GET
    @Path("/creators/{creator_id}/similar")
    @PermitAll
    @Operation(summary = "Creators whose published public work is nearest to this creator's")
    public List<Discovery.CreatorMatch> similarCreators(@PathParam("creator_id") @Pattern(regexp = ContentResource.UUID) String id,
            @QueryParam("limit") @Min(1) @Max(50) Integer limit) throws SQLException, IOException {
        return discovery.similarCreators(id.toLowerCase(), limit == null ? 10 : limit);
    }
}
