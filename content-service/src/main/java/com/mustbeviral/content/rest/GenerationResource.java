package com.mustbeviral.content.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.content.Content;
import com.mustbeviral.content.generation.GenerationEvent;
import com.mustbeviral.content.generation.GenerationEvent.Completed;
import com.mustbeviral.content.generation.GenerationEvent.Token;
import com.mustbeviral.content.generation.GenerationRequest;
import com.mustbeviral.content.generation.GenerationRequest.Kind;
import com.mustbeviral.content.generation.GenerationRequest.Length;
import com.mustbeviral.content.generation.MeteredGeneration;
import com.mustbeviral.content.generation.MeteredGeneration.Metered;
import com.mustbeviral.content.generation.MeteredGeneration.MeteredStream;
import com.mustbeviral.content.security.PartnerScopes;
import com.mustbeviral.content.service.Caller;
import com.mustbeviral.content.service.GeneratedDrafts;
import com.mustbeviral.content.service.GeneratedDrafts.Placement;
import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.Refusal;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * AI generation: the text from the configured provider becomes the caller's draft (checked like any
 * other), and the generation is counted against the caller's plan. With {@code Accept:
 * text/event-stream} the text streams as it is written ({@code token} events), then the saved draft
 * ({@code draft}) or a problem ({@code error}); the over-limit 402 comes before any event.
 */
@Path("/api/content/generate")
public class GenerationResource {

    private static final Logger LOG = Logger.getLogger(GenerationResource.class);

    private final MeteredGeneration generation;
    private final GeneratedDrafts drafts;
    private final Callers callers;
    private final ContentProblems problems;
    private final ObjectMapper json;

    GenerationResource(MeteredGeneration generation, GeneratedDrafts drafts, Callers callers, ContentProblems problems,
            ObjectMapper json) {
        this.generation = generation;
        this.drafts = drafts;
        this.callers = callers;
        this.problems = problems;
        this.json = json;
    }

    /** What a creator asks for. */
    public record GenerateRequest(
            @NotBlank @Size(max = 4000) String prompt,
            @NotNull @Pattern(regexp = "blog_post|social_post|video_script", message = "must be blog_post, social_post or video_script") String type,
            @Size(max = 50) String tone,
            @Pattern(regexp = "short|medium|long", message = "must be short, medium or long") String length,
            @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as en or pt-BR") String language,
            @Pattern(regexp = "public|private|unlisted", message = "must be public, private or unlisted") String visibility,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {

        GenerationRequest generation() {
            return new GenerationRequest(prompt, Kind.of(type), tone, Length.of(length == null ? "medium" : length),
                    language);
        }

        Placement placement() {
            return new Placement(visibility == null ? "private" : visibility, tags);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Generate a draft with AI (counted against the plan; 402 over its limit)")
    public Response generate(@Valid @NotNull GenerateRequest request, @Context UriInfo uri) throws SQLException {
        Caller caller = callers.required();
        GenerationRequest asked = request.generation();
        Metered metered = generation.generate(UUID.fromString(caller.userId()), asked);
        Content draft = drafts.save(caller, asked, request.placement(), metered.text(), metered.reservation());
        return Response.created(uri.getBaseUriBuilder().path("api/content").path(draft.id()).build())
                .tag(ContentResource.etag(draft)).entity(ContentView.of(draft, caller)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @RolesAllowed({ "creator", "influencer", "admin", PartnerScopes.CONTENT_WRITE })
    @Operation(summary = "Generate a draft with AI, streamed as it is written (token events, then draft or error)")
    public Multi<OutboundSseEvent> stream(@Valid @NotNull GenerateRequest request, @Context Sse sse)
            throws SQLException {
        Caller caller = callers.required();
        GenerationRequest asked = request.generation();
        // Reserved before the first byte: over the limit this is a plain 402 problem, not a stream.
        MeteredStream metered = generation.stream(UUID.fromString(caller.userId()), asked);
        return metered.events()
                .onItem().transformToUniAndConcatenate(event -> switch (event) {
                    case Token token -> Uni.createFrom().item(sse.newEventBuilder().name("token")
                            .data(write(Map.of("text", token.text()))).build());
                    case Completed done -> Uni.createFrom().item(() -> saved(sse, caller, asked, request, done, metered))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                })
                .onFailure().recoverWithItem(failure -> sse.newEventBuilder().name("error")
                        .data(write(problemOf(failure))).build());
    }

    private OutboundSseEvent saved(Sse sse, Caller caller, GenerationRequest asked, GenerateRequest request,
            Completed done, MeteredStream metered) {
        try {
            Content draft = drafts.save(caller, asked, request.placement(), done.result(), metered.reservation());
            return sse.newEventBuilder().name("draft").id(draft.id()).data(write(ContentView.of(draft, caller))).build();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problem a failure mid-stream is, as the JSON body it would have had before the stream began. */
    private Map<String, Object> problemOf(Throwable failure) {
        if (failure instanceof Refusal refusal) {
            Problem problem = Problem.of(problems.typeOf(refusal.reason()), refusal.detail());
            refusal.facts().forEach(problem::with);
            return problem.body("/api/content/generate");
        }
        LOG.errorf(failure, "Streamed generation failed");
        return Problem.of(ContentProblems.GENERATION_PROVIDER_FAILED, "The generation failed; nothing was saved or counted.")
                .body("/api/content/generate");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
