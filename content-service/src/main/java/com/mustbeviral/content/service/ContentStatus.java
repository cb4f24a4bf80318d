package com.mustbeviral.content.service;

import com.mustbeviral.platform.problem.Refusal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The seed's status machine: draft → published, draft → scheduled, scheduled → published (the
 * scheduler), published → archived, any → pending_review (an ethics flag or a moderator). A review
 * ends in draft (approved) or rejected; a rejected piece goes back to draft or review only through an
 * edit that the ethics check passes or flags again.
 */
public enum ContentStatus {
    DRAFT, PENDING_REVIEW, SCHEDULED, PUBLISHED, ARCHIVED, REJECTED;

    private static final Map<ContentStatus, Set<ContentStatus>> NEXT = Map.of(
            DRAFT, EnumSet.of(PUBLISHED, SCHEDULED, PENDING_REVIEW),
            SCHEDULED, EnumSet.of(PUBLISHED, PENDING_REVIEW),
            PUBLISHED, EnumSet.of(ARCHIVED, PENDING_REVIEW),
            ARCHIVED, EnumSet.of(PENDING_REVIEW),
            PENDING_REVIEW, EnumSet.of(DRAFT, REJECTED),
            REJECTED, EnumSet.of(PENDING_REVIEW));

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContentStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Refuses (409) a transition the machine does not have; rejected content is refused by name. */
    public void checkTransition(ContentStatus to) {
        if (NEXT.get(this).contains(to)) {
            return;
        }
        if (this == REJECTED && to == PUBLISHED) {
            throw new Refusal(ContentRefusal.REJECTED_CONTENT,
                    "A moderator rejected this content; edit it so that it passes the check before publishing.")
                    .with("content_status", wire());
        }
        throw new Refusal(ContentRefusal.ILLEGAL_TRANSITION, "Content that is " + wire() + " cannot become " + to.wire() + ".")
                .with("content_status", wire()).with("target_status", to.wire());
    }
}
