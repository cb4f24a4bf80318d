package com.mustbeviral.auth.account.rest;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.mustbeviral.auth.account.service.Profiles;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/users/me}, a JSON Merge Patch (RFC 7396) of the profile: absent members
 * stay as they are. {@code metadata} is merged into the stored object (null empties it); the other
 * members cannot be null. Email, username and role are not here: they are unknown fields (400).
 * A class with setters, not a record: only setters tell an absent member from a null one.
 */
public class ProfilePatchRequest {

    @Size(min = 1, max = 100)
    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
    private String displayName;
    private JsonNode metadata;
    private Boolean onboardingCompleted;

    @JsonSetter(nulls = Nulls.FAIL)
    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    /** JSON null arrives as a {@code NullNode}; an absent member leaves this null. */
    public void setMetadata(JsonNode metadata) {
        this.metadata = metadata;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setOnboardingCompleted(Boolean onboardingCompleted) {
        this.onboardingCompleted = onboardingCompleted;
    }

    Profiles.Changes changes() {
        return new Profiles.Changes(displayName, metadata, onboardingCompleted);
    }
}
