package com.mustbeviral.content.generation;

import com.mustbeviral.content.config.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.jboss.logging.Logger;

/** The one {@link TextGenerator} of the service, as {@code content.generation.provider} says. */
@ApplicationScoped
public class GeneratorSelection {

    private static final Logger LOG = Logger.getLogger(GeneratorSelection.class);

    @Produces
    @ApplicationScoped
    TextGenerator generator(ContentConfig config, Clock clock) {
        GenerationSettings settings = config.generation();
        return switch (settings.provider()) {
            case LOCAL -> {
                LOG.info("Generation: local outlines (no language model); set content.generation.provider=openai for one");
                yield new LocalOutlineGenerator(clock);
            }
            case OPENAI -> {
                LOG.infof("Generation: OpenAI-compatible server %s, model %s", settings.openai().baseUrl(),
                        settings.openai().model());
                yield new OpenAiCompatibleGenerator(settings.openai(), clock);
            }
        };
    }
}
