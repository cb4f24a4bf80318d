package com.mustbeviral.auth.account.rest;

import com.mustbeviral.auth.account.Profile;
import com.mustbeviral.auth.account.repository.UserClaimsRepository;
import com.mustbeviral.auth.account.service.Profiles;
import com.mustbeviral.auth.web.Caller;
import com.mustbeviral.auth.web.IfMatch;
import com.mustbeviral.auth.web.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's own account. */
@Path("/api/users/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ProfileResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final Profiles profiles;
    private final UserClaimsRepository claims;
    private final Caller caller;

    ProfileResource(Profiles profiles, UserClaimsRepository claims, Caller caller) {
        this.profiles = profiles;
        this.claims = claims;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Read my profile; ETag carries its version")
    public Response get() throws SQLException {
        return withTag(profiles.get(caller.userId()));
    }

    @PATCH
    @Consumes({ MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Change display_name, metadata (merged) or onboarding_completed; needs If-Match")
    public Response update(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ProfilePatchRequest patch)
            throws SQLException {
        return withTag(profiles.update(caller.userId(), IfMatch.versions(ifMatch), patch.changes()));
    }

    @DELETE
    @Operation(summary = "Delete my account: sessions revoked, login refused from now on")
    public Response delete() throws SQLException {
        profiles.delete(caller.userId());
        return Response.noContent().build();
    }

    private Response withTag(Profile profile) throws SQLException {
        return Response.ok(ProfileView.of(profile, claims.emailVerified(profile.id()))).tag(new EntityTag(Long.toString(profile.version())))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache").build();
    }
}
