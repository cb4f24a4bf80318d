package com.mustbeviral.auth.consent.rest;

import com.mustbeviral.auth.consent.service.Consents;
import com.mustbeviral.auth.web.Caller;
import com.mustbeviral.auth.web.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's consents per purpose (analytics, marketing, ai_training). */
@Path("/api/users/me/consents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ConsentResource {

    private final Consents consents;
    private final Caller caller;

    ConsentResource(Consents consents, Caller caller) {
        this.consents = consents;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "My consent per purpose; not granted until I grant it")
    public ConsentsView get() throws SQLException {
        return ConsentsView.of(consents.current(caller.userId()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Grant or withdraw consent for the purposes named; the others stay as they are")
    public ConsentsView put(@Valid @NotNull ConsentsRequest request) throws SQLException {
        return ConsentsView.of(consents.change(caller.userId(), request.wanted()));
    }
}
