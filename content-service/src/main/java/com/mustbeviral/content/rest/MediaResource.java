package com.mustbeviral.content.rest;

import com.mustbeviral.content.media.MediaAsset;
import com.mustbeviral.content.media.MediaLibrary;
import com.mustbeviral.content.media.MediaRefusal;
import com.mustbeviral.content.media.MediaRepository;
import com.mustbeviral.content.security.PartnerScopes;
import com.mustbeviral.content.service.Caller;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Media: uploads (multipart), served by URL with ETag, Range and cache headers, and deletion by the owner. */
@Path("/api/media")
public class MediaResource {

    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final MediaLibrary library;
    private final MediaRepository repository;
    private final Callers callers;

    MediaResource(MediaLibrary library, MediaRepository repository, Callers callers) {
        this.library = library;
        this.repository = repository;
        this.callers = callers;
    }

    /** An asset as answered: where to fetch it and its variants (once made). */
    public record MediaView(String id, String ownerId, String contentId, String mediaType, String kind, long sizeBytes,
            String sha256, Integer width, Integer height, String url, List<VariantView> variants, Instant createdAt) {
    }

    /** A made variant. */
    public record VariantView(String name, String mediaType, int width, int height, long sizeBytes, String url) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Upload an image or video (multipart field file); the type is read from the bytes")
    public Response upload(@RestForm("file") FileUpload file, UriInfo uri) throws IOException, SQLException {
        Caller caller = callers.required();
        if (file == null) {
            throw new Refusal(MediaRefusal.UNSUPPORTED_MEDIA, "The multipart field file is required.");
        }
        MediaAsset asset = library.upload(caller.userId(), file.uploadedFile(), file.contentType());
        return Response.created(uri.getAbsolutePathBuilder().path(asset.id()).build()).entity(view(asset)).build();
    }

    @GET
    @Path("/{id}/meta")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "What an asset is: type, size, checksum, dimensions, variants")
    public MediaView meta(@PathParam("id") @Pattern(regexp = ContentResource.UUID) String id) throws SQLException {
        return view(library.readable(id.toLowerCase(), viewer()));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "The asset's bytes (ETag = SHA-256, Range, long cache for public media)")
    public Response bytes(@PathParam("id") @Pattern(regexp = ContentResource.UUID) String id,
            @HeaderParam("Range") String range, @HeaderParam("If-None-Match") String ifNoneMatch) throws SQLException, IOException {
        MediaAsset asset = library.readable(id.toLowerCase(), viewer());
        return serve(asset.storageKey(), asset.mediaType(), asset.sizeBytes(), asset.sha256(), asset.contentId() != null
                && repository.publiclyVisible(asset.contentId()), range, ifNoneMatch);
    }

    @GET
    @Path("/{id}/variants/{name}")
    @PermitAll
    @Operation(summary = "A variant's bytes (thumbnail or web)")
    public Response variant(@PathParam("id") @Pattern(regexp = ContentResource.UUID) String id,
            @PathParam("name") @Pattern(regexp = "thumbnail|web") String name, @HeaderParam("Range") String range,
            @HeaderParam("If-None-Match") String ifNoneMatch) throws SQLException, IOException {
        MediaAsset asset = library.readable(id.toLowerCase(), viewer());
        MediaRepository.Variant v = repository.variants(asset.id()).stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new Refusal(MediaRefusal.NOT_FOUND, "This variant is not made (yet)."));
        return serve(v.storageKey(), v.mediaType(), v.sizeBytes(), v.sha256(), asset.contentId() != null
                && repository.publiclyVisible(asset.contentId()), range, ifNoneMatch);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Delete my asset (its objects are removed from the store off the request path)")
    public Response delete(@PathParam("id") @Pattern(regexp = ContentResource.UUID) String id) throws SQLException {
        Caller caller = callers.required();
        library.delete(id.toLowerCase(), caller.userId(), caller.admin());
        return Response.noContent().build();
    }

    private Response serve(String key, String type, long size, String sha256, boolean publicMedia, String range,
            String ifNoneMatch) throws IOException {
        String etag = "\"" + sha256 + "\"";
        // The bytes under an id never change (a new upload is a new id): public media may be cached for good.
        String cache = publicMedia ? "public, max-age=31536000, immutable" : "private, no-cache";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", cache).build();
        }
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
                throw rangeNotSatisfiable(size);
            }
            if (m.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (start >= size || start > end) {
                throw rangeNotSatisfiable(size);
            }
            partial = true;
        }
        InputStream body = library.read(key, start, end - start + 1);
        Response.ResponseBuilder r = Response.status(partial ? 206 : 200).entity(body).type(type)
                .header("ETag", etag).header("Cache-Control", cache).header("Accept-Ranges", "bytes")
                .header("Content-Length", end - start + 1).header("X-Content-Type-Options", "nosniff");
        if (partial) {
            r.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        return r.build();
    }

    private static Refusal rangeNotSatisfiable(long size) {
        return new Refusal(MediaRefusal.BAD_RANGE, "The range is outside the file or not of the form bytes=start-end.")
                .with("size_bytes", size);
    }

    private String viewer() {
        Caller caller = callers.current();
        return caller == null || !caller.actsForUser() ? null : caller.id();
    }

    private MediaView view(MediaAsset a) throws SQLException {
        String url = "/api/media/" + a.id();
        List<VariantView> variants = repository.variants(a.id()).stream()
                .map(v -> new VariantView(v.name(), v.mediaType(), v.width(), v.height(), v.sizeBytes(), url + "/variants/" + v.name()))
                .toList();
        return new MediaView(a.id(), a.ownerId(), a.contentId(), a.mediaType(), a.kind(), a.sizeBytes(), a.sha256(), a.width(),
                a.height(), url, variants, Instant.ofEpochMilli(a.createdAt()));
    }
}
