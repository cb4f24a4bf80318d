package com.mustbeviral.content.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** {@code content.media.*}: where media is stored and how large an upload each plan allows. */
@ConfigMapping(prefix = "content.media")
public interface MediaSettings {

    /** {@code local} (files under {@code local-dir}) or {@code s3}. */
    @WithDefault("local")
    String store();

    @WithDefault("${data.dir}/media")
    String localDir();

    S3 s3();

    /** Largest upload in bytes per plan ({@code content.media.max-bytes.<plan>}; the plan from billing's entitlements). */
    Map<String, Long> maxBytes();

    /** Largest upload of a plan without its own limit, and of users billing has not spoken of. */
    @WithDefault("5242880")
    long defaultMaxBytes();

    /** Longest side of each variant of an image, in pixels. */
    @WithDefault("320")
    int thumbnailSize();

    @WithDefault("1280")
    int webSize();

    /** How often the variant worker looks for new images and for objects of deleted media. */
    @WithDefault("2s")
    String workerEvery();

    /** S3-compatible storage. */
    interface S3 {
        @WithDefault("mustbeviral-media")
        String bucket();

        @WithDefault("us-east-1")
        String region();

        /** For R2, MinIO and other non-AWS stores. */
        Optional<String> endpoint();

        @WithDefault("false")
        boolean pathStyle();
    }
}
