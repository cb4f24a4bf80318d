package com.mustbeviral.content.media;

import com.mustbeviral.platform.problem.Problem;
import com.mustbeviral.platform.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body limit raised for media uploads ({@code quarkus.http.limits.max-body-size}) applies to
 * {@code /api/media} only: any other request declaring a larger body than
 * {@code content.media.other-body-limit} gets the platform's 413 problem, as before.
 */
@Singleton
public class OtherBodyLimit {

    void install(@Observes Router router,
            @ConfigProperty(name = "content.media.other-body-limit", defaultValue = "1M") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (!ctx.request().path().startsWith("/api/media") && length != null && !length.isEmpty() && length.length() < 19
                    && length.chars().allMatch(Character::isDigit) && Long.parseLong(length) > max) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                        .end(new JsonObject(Problem.of(ProblemType.CONTENT_TOO_LARGE,
                                "The request body exceeds " + max + " bytes.").body(ctx.request().path())).encode());
                return;
            }
            ctx.next();
        });
    }
}
