package com.mustbeviral.content.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** The one {@link MediaStore}, chosen by {@code content.media.store}. */
@ApplicationScoped
public class MediaStores {

    @Produces
    @ApplicationScoped
    MediaStore store(MediaSettings settings) {
        return switch (settings.store()) {
            case "s3" -> new S3MediaStore(settings.s3());
            case "local" -> new LocalMediaStore(Path.of(settings.localDir()));
            default -> throw new IllegalArgumentException("content.media.store is local or s3, not " + settings.store());
        };
    }
}
