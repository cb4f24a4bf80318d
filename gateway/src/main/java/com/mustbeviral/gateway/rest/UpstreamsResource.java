package com.mustbeviral.gateway.rest;

import com.mustbeviral.gateway.health.UpstreamProbe;
import com.mustbeviral.gateway.health.UpstreamsReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The gateway's view of the services behind it. */
@Path("/gateway/upstreams")
public class UpstreamsResource {

    private final UpstreamProbe probe;

    UpstreamsResource(UpstreamProbe probe) {
        this.probe = probe;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every upstream with its URL, owned prefixes and live readiness, and whether all are ready")
    public CompletionStage<UpstreamsReport> upstreams() {
        return probe.probeAll();
    }
}
