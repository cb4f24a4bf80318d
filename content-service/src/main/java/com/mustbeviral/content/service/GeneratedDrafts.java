package com.mustbeviral.content.service;

import com.mustbeviral.content.Content;
import com.mustbeviral.content.generation.GeneratedText;
import com.mustbeviral.content.generation.GenerationRefusal;
import com.mustbeviral.content.generation.GenerationRequest;
import com.mustbeviral.content.usage.Reservation;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A generated text saved as its author's draft, and the generation counted, in one transaction: the
 * draft, its events and {@code usage.incremented} together, or none of them. A text that cannot
 * become a draft (refused by the ethics check, or too short to be content) gives the generation back:
 * the author got nothing, so nothing is charged.
 */
@ApplicationScoped
public class GeneratedDrafts {

    private static final Logger LOG = Logger.getLogger(GeneratedDrafts.class);
    private static final int TITLE_MAX = 200;
    private static final int BODY_MIN = 10;

    private final Contents contents;
    private final UsageMeter meter;

    GeneratedDrafts(Contents contents, UsageMeter meter) {
        this.contents = contents;
        this.meter = meter;
    }

    /** What the creator asked for besides the generation itself. */
    public record Placement(String visibility, List<String> tags) {
    }

    /**
     * Saves {@code text} as a draft of {@code caller} and commits {@code reservation}; on any failure
     * the reservation is released and the failure rethrown.
     */
    public Content save(Caller caller, GenerationRequest request, Placement placement, GeneratedText text,
            Reservation reservation) throws SQLException {
        try {
            // Checked and serialized before the transaction, which holds the one SQLite writer's turn.
            return saveAndCount(contents.prepare(caller, draftOf(request, placement, text), provenance(request, text)),
                    reservation);
        } catch (RuntimeException | SQLException e) {
            try {
                meter.release(reservation);
            } catch (SQLException releaseFailed) {
                // It expires by itself (content.usage.reservation-ttl).
                LOG.warnf(releaseFailed, "Could not release reservation %s", reservation.id());
            }
            throw e;
        }
    }

    @Transactional(rollbackOn = Exception.class)
    Content saveAndCount(Contents.NewPiece piece, Reservation reservation) throws SQLException {
        Content draft = contents.insert(piece);
        meter.commit(reservation);
        return draft;
    }

    static Draft draftOf(GenerationRequest request, Placement placement, GeneratedText text) {
        String body = text.text() == null ? "" : text.text().strip();
        if (body.length() < BODY_MIN) {
            throw new Refusal(GenerationRefusal.PROVIDER_BAD_ANSWER,
                    "The provider's text is too short to be a draft (" + body.length() + " characters).");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        // The platform labels generated content itself (ai_generated, and the provenance in ai_metadata).
        metadata.put("ai_disclosure", true);
        metadata.put("generation", Map.of("tone", request.tone(), "length", request.length().wireName(),
                "language", request.language(), "written_by_model", text.writtenByModel()));
        return new Draft(request.type().wireName(), "text", placement.visibility(), titleOf(body, request.prompt()), body,
                null, null, null, null, null, metadata, List.of(), placement.tags());
    }

    /**
     * The text's first Markdown heading, else its first line that is not a quote (a generator's note,
     * like the local outline's), else the prompt; at most 200 characters.
     */
    static String titleOf(String body, String prompt) {
        List<String> lines = body.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String first = lines.stream().filter(line -> line.startsWith("#")).findFirst()
                .or(() -> lines.stream().filter(line -> !line.startsWith(">")).findFirst())
                .map(line -> line.replaceFirst("^#+\\s*", "").strip()).filter(line -> !line.isEmpty())
                .orElse(prompt.strip());
        return first.length() <= TITLE_MAX ? first : first.substring(0, TITLE_MAX - 1).strip() + "…";
    }

    private static AiProvenance provenance(GenerationRequest request, GeneratedText text) {
        return new AiProvenance(text.provider(), text.model(), request.prompt(), text.promptTokens(),
                text.completionTokens(), text.duration().toMillis(), !text.writtenByModel());
    }
}
