package com.mustbeviral.content.rest;

import com.mustbeviral.content.service.ContentRefusal;
import com.mustbeviral.content.service.Draft;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A piece of content as a client writes it (create, replace, and the result of a merge patch), with
 * the seed's rules: title 1–200, body 10–50,000, type and visibility from their lists.
 */
public record ContentRequest(
        @NotNull @Pattern(regexp = "blog_post|social_post|video_script", message = "must be blog_post, social_post or video_script") String type,
        @Pattern(regexp = "text|image|video", message = "must be text, image or video") String format,
        @NotNull @Pattern(regexp = "public|private|unlisted", message = "must be public, private or unlisted") String visibility,
        @NotBlank @Size(max = 200) String title,
        @NotNull @Size(min = 10, max = 50_000) String body,
        @Size(min = 1, max = 120) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters and digits joined by hyphens") String slug,
        @Size(max = 200) String seoTitle,
        @Size(max = 500) String seoDescription,
        @Size(max = 2000) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String canonicalUrl,
        @Size(max = 2000) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String socialImage,
        @Size(max = 50) Map<String, Object> metadata,
        @Size(max = 20) List<@NotNull @Pattern(regexp = ContentResource.UUID, message = "must be a media asset id") String> mediaIds,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {

    /** The editable state; an image or video piece needs its media. */
    Draft toDraft() {
        String f = format == null ? "text" : format;
        if (!f.equals("text") && (mediaIds == null || mediaIds.isEmpty())) {
            throw new Refusal(ContentRefusal.INVALID_CONTENT, "An " + f + " piece needs at least one media id.")
                    .with("field", "media_ids");
        }
        return new Draft(type, f, visibility, title, body, slug, seoTitle, seoDescription, canonicalUrl, socialImage,
                metadata, mediaIds, tags);
    }

    static ContentRequest of(Draft d) {
        return new ContentRequest(d.type(), d.format(), d.visibility(), d.title(), d.body(), d.slug(), d.seoTitle(),
                d.seoDescription(), d.canonicalUrl(), d.socialImage(), d.metadata(), d.mediaIds(), d.tags());
    }
}
