package com.mustbeviral.content.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mustbeviral.content.Content;
import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.repository.RevisionRepository.Revision;
import com.mustbeviral.content.security.PartnerScopes;
import com.mustbeviral.content.service.Caller;
import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.content.service.Contents;
import com.mustbeviral.content.service.Cursor;
import com.mustbeviral.content.service.Draft;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * Content: the author's CRUD under optimistic locking (the version is a strong ETag; writes need
 * If-Match), the status transitions, revisions, and the public reads (feed, by author, by slug, by id).
 */
@Path("/api/content")
@Produces(MediaType.APPLICATION_JSON)
public class ContentResource {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final Contents contents;
    private final Callers callers;
    private final ContentConfig config;
    private final ObjectMapper json;
    private final Validator validator;
    private final PublicPageCache publicPages;

    ContentResource(Contents contents, Callers callers, ContentConfig config, ObjectMapper json, Validator validator,
            PublicPageCache publicPages) {
        this.contents = contents;
        this.callers = callers;
        this.config = config;
        this.json = json;
        this.validator = validator;
        this.publicPages = publicPages;
    }

    /** One page; {@code next_cursor} is null on the last. */
    public record Page<T>(List<T> data, String nextCursor) {
    }

    /** A page of content, as the public lists answer it (for the OpenAPI document). */
    public record ContentPage(List<ContentView> data, String nextCursor) {
    }

    /** The time of a schedule. */
    public record ScheduleRequest(@NotNull Instant publishAt) {
    }

    /** A revision as listed: who saved it, when, what changed; with {@code content} when asked for one. */
    public record RevisionView(long version, String editorId, Instant createdAt, JsonNode changedFields, ContentRequest content) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Create a piece (checked; saved as a draft, or pending review when flagged; refused when it fails)")
    public Response create(@Valid @NotNull ContentRequest request, UriInfo uri) throws SQLException {
        Caller caller = callers.required();
        Content c = contents.create(caller, request.toDraft());
        return Response.created(uri.getAbsolutePathBuilder().path(c.id()).build()).tag(etag(c))
                .entity(ContentView.of(c, caller)).build();
    }

    @GET
    @RolesAllowed({ "creator", "influencer", "admin", "moderator", PartnerScopes.CONTENT_READ })
    @Operation(summary = "My content, every status, newest first")
    public Page<ContentView> mine(@QueryParam("limit") @Min(1) @Max(100) Integer limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) throws SQLException {
        Caller caller = callers.required();
        int size = size(limit);
        return page(contents.mine(caller, Cursor.decode(cursor), size + 1), size, caller, Content::createdAt);
    }

    @GET
    @Path("/feed")
    @PermitAll
    @Operation(summary = "The public feed: published public content, newest first (ETag; anonymous pages cached for seconds)")
    @APIResponseSchema(ContentPage.class)
    public Response feed(@QueryParam("limit") @Min(1) @Max(100) Integer limit,
            @QueryParam("cursor") @Size(max = 200) String cursor, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws SQLException {
        return publicList(null, limit, cursor, ifNoneMatch);
    }

    @GET
    @Path("/authors/{author_id}")
    @PermitAll
    @Operation(summary = "An author's published public content, newest first (ETag; anonymous pages cached for seconds)")
    @APIResponseSchema(ContentPage.class)
    public Response byAuthor(@PathParam("author_id") @Pattern(regexp = UUID) String authorId,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("cursor") @Size(max = 200) String cursor,
            @HeaderParam("If-None-Match") String ifNoneMatch) throws SQLException {
        return publicList(authorId, limit, cursor, ifNoneMatch);
    }

    /** A page of published public content (of one author when given): rendered once for all anonymous readers. */
    private Response publicList(String authorId, Integer limit, String cursor, String ifNoneMatch) throws SQLException {
        int size = size(limit);
        Cursor after = Cursor.decode(cursor);
        Caller caller = callers.current();
        if (caller != null) {
            // Authors and staff see more of their own pieces than anonymous readers: never from the cache.
            return Response.ok(page(contents.published(authorId, after, size + 1), size, caller, Content::publishedAt)).build();
        }
        String key = (authorId == null ? "" : authorId) + "|" + size + "|" + (cursor == null ? "" : cursor);
        PublicPageCache.Rendered page = publicPages.page(key,
                () -> page(contents.published(authorId, after, size + 1), size, null, Content::publishedAt));
        EntityTag tag = new EntityTag(page.etag());
        CacheControl cache = publicCache();
        if (PublicPageCache.matches(ifNoneMatch, page.etag())) {
            return Response.notModified(tag).cacheControl(cache).build();
        }
        return Response.ok(page.body(), MediaType.APPLICATION_JSON_TYPE).tag(tag).cacheControl(cache).build();
    }

    @GET
    @Path("/authors/{author_id}/{slug}")
    @PermitAll
    @Operation(summary = "A piece by its author's slug (published public or unlisted; any status to its author)")
    public Response bySlug(@PathParam("author_id") @Pattern(regexp = UUID) String authorId,
            @PathParam("slug") @Size(max = 120) String slug) throws SQLException {
        Caller caller = callers.current();
        return found(contents.getBySlug(caller, authorId, slug), caller);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A piece by id: published public or unlisted to anyone (anonymous reads cached for seconds), any "
            + "status to its author and staff")
    public Response get(@PathParam("id") @Pattern(regexp = UUID) String id, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws SQLException {
        Caller caller = callers.current();
        if (caller != null) {
            Content c = contents.get(caller, id);
            EntityTag tag = etag(c);
            return PublicPageCache.matches(ifNoneMatch, tag.getValue()) ? Response.notModified(tag).build() : found(c, caller);
        }
        // Every anonymous reader sees the same page: rendered once (a 404 never is), as list pages are.
        PublicPageCache.Rendered page = publicPages.piece(id, () -> {
            Content c = contents.get(null, id);
            return new PublicPageCache.Tagged(ContentView.of(c, null), etag(c).getValue());
        });
        EntityTag tag = new EntityTag(page.etag());
        if (PublicPageCache.matches(ifNoneMatch, page.etag())) {
            return Response.notModified(tag).cacheControl(publicCache()).build();
        }
        return Response.ok(page.body(), MediaType.APPLICATION_JSON_TYPE).tag(tag).cacheControl(publicCache()).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Replace a piece (If-Match: its ETag)")
    public Response replace(@PathParam("id") @Pattern(regexp = UUID) String id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ContentRequest request) throws SQLException {
        Caller caller = callers.required();
        long version = required(ifMatch);
        return found(contents.replace(caller, id, version, request.toDraft()), caller);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Change some fields of a piece (JSON merge patch, RFC 7396; If-Match: its ETag)")
    public Response patch(@PathParam("id") @Pattern(regexp = UUID) String id, @HeaderParam("If-Match") String ifMatch,
            @NotNull JsonNode patch) throws SQLException {
        Caller caller = callers.required();
        long version = required(ifMatch);
        if (!patch.isObject()) {
            throw new Refusal(ContentRefusal.INVALID_CONTENT, "A merge patch of content is a JSON object.");
        }
        Draft current = contents.editable(caller, id);
        JsonNode merged = merge(json.valueToTree(ContentRequest.of(current)), patch);
        ContentRequest request;
        try {
            request = json.treeToValue(merged, ContentRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new Refusal(ContentRefusal.INVALID_CONTENT, "The patched content has a field of the wrong type.");
        }
        Set<ConstraintViolation<ContentRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<Map<String, String>> list = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage())).toList();
            throw new Refusal(ContentRefusal.INVALID_CONTENT, "The patched content breaks " + list.size() + " rule(s).")
                    .with("violations", list);
        }
        return found(contents.replace(caller, id, version, request.toDraft()), caller);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Delete a piece (soft; If-Match: its ETag)")
    public Response delete(@PathParam("id") @Pattern(regexp = UUID) String id, @HeaderParam("If-Match") String ifMatch)
            throws SQLException {
        contents.delete(callers.required(), id, required(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Publish a draft now (If-Match optional)")
    public Response publish(@PathParam("id") @Pattern(regexp = UUID) String id, @HeaderParam("If-Match") String ifMatch)
            throws SQLException {
        Caller caller = callers.required();
        return found(contents.publish(caller, id, optional(ifMatch)), caller);
    }

    @POST
    @Path("/{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Schedule a draft for a future time (If-Match optional)")
    public Response schedule(@PathParam("id") @Pattern(regexp = UUID) String id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ScheduleRequest request) throws SQLException {
        Caller caller = callers.required();
        return found(contents.schedule(caller, id, optional(ifMatch), request.publishAt()), caller);
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Archive a published piece (If-Match optional)")
    public Response archive(@PathParam("id") @Pattern(regexp = UUID) String id, @HeaderParam("If-Match") String ifMatch)
            throws SQLException {
        Caller caller = callers.required();
        return found(contents.archive(caller, id, optional(ifMatch)), caller);
    }

    @GET
    @Path("/{id}/revisions")
    @RolesAllowed({ "creator", "influencer", "admin", "moderator", PartnerScopes.CONTENT_READ })
    @Operation(summary = "Revisions of a piece, newest first (who, when, what changed)")
    public Page<RevisionView> revisions(@PathParam("id") @Pattern(regexp = UUID) String id,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @QueryParam("before") @Min(1) Long before)
            throws SQLException {
        int size = size(limit);
        List<Revision> rows = contents.revisions(callers.required(), id, before, size + 1);
        boolean more = rows.size() > size;
        List<Revision> page = more ? rows.subList(0, size) : rows;
        return new Page<>(page.stream().map(r -> view(r, false)).toList(),
                more ? String.valueOf(page.get(page.size() - 1).version()) : null);
    }

    @GET
    @Path("/{id}/revisions/{version}")
    @RolesAllowed({ "creator", "influencer", "admin", "moderator", PartnerScopes.CONTENT_READ })
    @Operation(summary = "One revision with the content it held")
    public RevisionView revision(@PathParam("id") @Pattern(regexp = UUID) String id,
            @PathParam("version") @Min(1) long version) throws SQLException {
        List<Revision> rows = contents.revisions(callers.required(), id, version + 1, 1);
        if (rows.isEmpty() || rows.get(0).version() != version) {
            throw new Refusal(ContentRefusal.REVISION_NOT_FOUND, "This content has no revision " + version + ".");
        }
        return view(rows.get(0), true);
    }

    @POST
    @Path("/{id}/revisions/{version}/restore")
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Save a revision's content as a new version (If-Match: the current ETag)")
    public Response restore(@PathParam("id") @Pattern(regexp = UUID) String id, @PathParam("version") @Min(1) long version,
            @HeaderParam("If-Match") String ifMatch) throws SQLException {
        Caller caller = callers.required();
        return found(contents.restore(caller, id, required(ifMatch), version), caller);
    }

    private RevisionView view(Revision r, boolean withContent) {
        try {
            return new RevisionView(r.version(), r.editorId(), Instant.ofEpochMilli(r.createdAt()),
                    json.readTree(r.changedFields()), withContent ? ContentRequest.of(contents.snapshot(r)) : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Page<ContentView> page(List<Content> rows, int size, Caller caller, Function<Content, Long> key) {
        boolean more = rows.size() > size;
        List<Content> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            Content last = page.get(page.size() - 1);
            next = new Cursor(key.apply(last), last.id()).encode();
        }
        return new Page<>(page.stream().map(c -> ContentView.of(c, caller)).toList(), next);
    }

    private int size(Integer limit) {
        return limit == null ? config.defaultPageSize() : limit;
    }

    /** What shared caches may do with an anonymous page: keep it as long as this service does. */
    private CacheControl publicCache() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge((int) config.publicPages().ttl().toSeconds());
        return cache;
    }

    private static Response found(Content c, Caller caller) {
        return Response.ok(ContentView.of(c, caller)).tag(etag(c)).build();
    }

    static EntityTag etag(Content c) {
        return new EntityTag(String.valueOf(c.version()));
    }

    /** The version an If-Match names; a write without one is refused (428). */
    static long required(String ifMatch) {
        Long version = optional(ifMatch);
        if (version == null) {
            throw new Refusal(ContentRefusal.VERSION_REQUIRED,
                    "Send If-Match with the ETag you read, so that a concurrent change is never overwritten.");
        }
        return version;
    }

    /**
     * The version of a strong {@code If-Match: "N"}; null when absent. Anything else (a weak tag, {@code *},
     * a list, garbage) can never match a current version: refused as stale (412).
     */
    static Long optional(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Long.parseLong(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw new Refusal(ContentRefusal.STALE_VERSION, "If-Match must be the strong ETag of the current version.");
    }

    /** RFC 7396: null removes a member, an object merges, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
