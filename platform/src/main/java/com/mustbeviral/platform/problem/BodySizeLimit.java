package com.mustbeviral.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body declared larger than {@code quarkus.http.limits.max-body-size} with a 413
 * problem+json, before Quarkus' own check, which answers with an empty body. (The gateway streams
 * bodies and has its own limit, chunked bodies included.)
 */
@Singleton
public class BodySizeLimit {

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && !length.isEmpty() && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > max) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(new JsonObject(Problem.of(ProblemType.CONTENT_TOO_LARGE,
                                "The request body exceeds " + max + " bytes.").body(ctx.request().path())).encode());
                return;
            }
            ctx.next();
        });
    }
}
