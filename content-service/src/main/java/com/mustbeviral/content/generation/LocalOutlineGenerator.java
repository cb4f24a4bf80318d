package com.mustbeviral.content.generation;

import io.smallrye.mutiny.Multi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The default generator, which needs no server: a structured outline of the piece the creator asked
 * for (a title from the prompt, the sections its type and length call for), to be written by the
 * creator. It says so in its first line and in its provider and model ({@value #PROVIDER},
 * {@value #MODEL}); it never passes for a model's prose. Deterministic: the same request gives the
 * same outline.
 */
public final class LocalOutlineGenerator implements TextGenerator {

    public static final String PROVIDER = "local-outline";
    public static final String MODEL = "none";
    static final String NOTICE = "Outline generated without a language model, from your prompt: replace each point with your own text.";

    private static final int TITLE_MAX = 80;
    private static final Set<String> COMMON_WORDS = Set.of("about", "their", "there", "these", "those", "which", "would",
            "could", "should", "while", "where", "write", "after", "before", "being", "other", "under", "every", "please");

    private final Clock clock;

    public LocalOutlineGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public GeneratedText generate(GenerationRequest request) {
        Instant started = clock.instant();
        String text = String.join("", lines(request));
        return new GeneratedText(text, PROVIDER, MODEL, 0, 0, Duration.between(started, clock.instant()));
    }

    /** The outline line by line, then the whole: there is nothing to wait for, but callers stream alike. */
    @Override
    public Multi<GenerationEvent> stream(GenerationRequest request) {
        return Multi.createFrom().deferred(() -> {
            Instant started = clock.instant();
            List<String> lines = lines(request);
            List<GenerationEvent> events = new ArrayList<>();
            lines.forEach(line -> events.add(new GenerationEvent.Token(line)));
            events.add(new GenerationEvent.Completed(new GeneratedText(String.join("", lines), PROVIDER, MODEL, 0, 0,
                    Duration.between(started, clock.instant()))));
            return Multi.createFrom().iterable(events);
        });
    }

    /** The outline's lines, each ending in a line break. */
    static List<String> lines(GenerationRequest request) {
        List<String> lines = new ArrayList<>();
        lines.add("> " + NOTICE + "\n\n");
        lines.add("# " + title(request.prompt()) + "\n\n");
        lines.add("_" + request.type().wireName().replace('_', ' ') + ", " + request.length().wireName() + " (about "
                + request.length().words() + " words), tone: " + request.tone() + ", language: " + request.language()
                + "_\n\n");
        for (Section section : sections(request)) {
            lines.add("## " + section.heading() + "\n\n");
            lines.add("- " + section.point() + "\n\n");
        }
        if (request.type() == GenerationRequest.Kind.SOCIAL_POST) {
            List<String> tags = hashtags(request.prompt());
            if (!tags.isEmpty()) {
                lines.add("Hashtags: " + String.join(" ", tags) + "\n");
            }
        }
        return lines;
    }

    private record Section(String heading, String point) {
    }

    private static List<Section> sections(GenerationRequest request) {
        int middle = switch (request.length()) {
            case SHORT -> 1;
            case MEDIUM -> 3;
            case LONG -> 5;
        };
        List<Section> sections = new ArrayList<>();
        switch (request.type()) {
            case BLOG_POST -> {
                sections.add(new Section("Introduction", "Why this matters to your reader, in two or three sentences."));
                if (request.length() != GenerationRequest.Length.SHORT) {
                    sections.add(new Section("Background", "What the reader needs to know first."));
                }
                for (int i = 1; i <= middle; i++) {
                    sections.add(new Section("Key point " + i, "One idea, with an example or a source you can name."));
                }
                sections.add(new Section("Conclusion", "What the reader should take away or do next."));
            }
            case SOCIAL_POST -> {
                sections.add(new Section("Hook", "One line that makes people stop scrolling."));
                for (int i = 1; i <= middle; i++) {
                    sections.add(new Section("Body " + i, "One short, concrete sentence."));
                }
                sections.add(new Section("Call to action", "What you ask your audience to do."));
            }
            case VIDEO_SCRIPT -> {
                sections.add(new Section("Opening (0:00)", "Say: the promise of the video. Show: you, or the subject."));
                for (int i = 1; i <= middle; i++) {
                    sections.add(new Section("Segment " + i, "Say: one step or idea. Show: what illustrates it."));
                }
                sections.add(new Section("Closing", "Say: the summary and the call to action. Show: where to follow."));
            }
        }
        return sections;
    }

    /** The prompt's first sentence or line, capitalised and cut at a word within {@value #TITLE_MAX} characters. */
    static String title(String prompt) {
        String first = prompt.strip().split("[\\r\\n]+|(?<=[.!?])\\s", 2)[0].strip();
        first = first.replaceAll("[.!?]+$", "").replaceAll("\\s+", " ");
        if (first.length() > TITLE_MAX) {
            int cut = first.lastIndexOf(' ', TITLE_MAX);
            first = first.substring(0, cut > 0 ? cut : TITLE_MAX) + "…";
        }
        return first.isEmpty() ? "Untitled" : first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1);
    }

    private static List<String> hashtags(String prompt) {
        Set<String> tags = new LinkedHashSet<>();
        for (String word : prompt.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 5 && !COMMON_WORDS.contains(word)) {
                tags.add("#" + word);
            }
            if (tags.size() == 3) {
                break;
            }
        }
        return List.copyOf(tags);
    }
}
