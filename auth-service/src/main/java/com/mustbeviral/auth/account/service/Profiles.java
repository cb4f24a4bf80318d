package com.mustbeviral.auth.account.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.auth.account.Profile;
import com.mustbeviral.auth.account.repository.ProfileRepository;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.partner.service.OAuthGrants;
import com.mustbeviral.auth.session.service.SessionFamilies;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.UserDeleted;
import com.mustbeviral.contracts.auth.UserUpdated;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A user's own account: read it, change it under optimistic locking, delete it. Every change and
 * its event commit together; a change based on a stale version is refused, never merged.
 */
@ApplicationScoped
public class Profiles {

    private final ProfileRepository profiles;
    private final SessionFamilies sessions;
    private final OAuthGrants grants;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final AuthConfig.Profile config;
    private final Clock clock;

    Profiles(ProfileRepository profiles, SessionFamilies sessions, OAuthGrants grants, Outbox outbox, ObjectMapper json,
            AuthConfig config, Clock clock) {
        this.profiles = profiles;
        this.sessions = sessions;
        this.grants = grants;
        this.outbox = outbox;
        this.json = json;
        this.config = config.profile();
        this.clock = clock;
    }

    /**
     * What a patch asks for; a null member is left as it is.
     *
     * @param metadataPatch an RFC 7396 merge patch of the metadata object; JSON null empties it
     */
    public record Changes(String displayName, JsonNode metadataPatch, Boolean onboardingCompleted) {
    }

    public Profile get(UUID userId) throws SQLException {
        return profiles.findLive(userId).orElseThrow(Profiles::noAccount);
    }

    /**
     * Applies {@code changes} if the stored version is one of {@code expectedVersions} (the
     * client's If-Match). Fields set to their current value are no change: when nothing changes,
     * neither the version nor the outbox does.
     */
    @Transactional(rollbackOn = Exception.class)
    public Profile update(UUID userId, Set<Long> expectedVersions, Changes changes) throws SQLException {
        Profile current = get(userId);
        if (!expectedVersions.contains(current.version())) {
            throw stale();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String displayName = changes.displayName() == null ? current.displayName() : changes.displayName().trim();
        JsonNode metadata = read(current.metadata());
        JsonNode newMetadata = metadata(metadata, changes.metadataPatch());
        boolean onboarding = changes.onboardingCompleted() == null ? current.onboardingCompleted()
                : changes.onboardingCompleted();

        List<String> changed = new ArrayList<>();
        if (!displayName.equals(current.displayName())) {
            changed.add("display_name");
        }
        if (!newMetadata.equals(metadata)) {
            changed.add("metadata");
        }
        if (onboarding != current.onboardingCompleted()) {
            changed.add("onboarding_completed");
        }
        if (changed.isEmpty()) {
            return current;
        }
        String storedMetadata = write(newMetadata);
        Profile next = new Profile(current.id(), current.email(), current.username(), displayName, current.role(),
                storedMetadata, onboarding, current.version() + 1, current.createdAt(), now);
        // The check above read under the write lock; the conditional write is what guarantees it.
        if (!profiles.update(next, current.version())) {
            throw stale();
        }
        outbox.append(Topics.AUTH_USERS, UserUpdated.TYPE, userId.toString(), new UserUpdated(userId, changed, now), now);
        return next;
    }

    /**
     * Soft-deletes the account and revokes all its sessions and partner grants: it can no longer log
     * in, and no token of it or of a partner acting for it is accepted.
     */
    @Transactional(rollbackOn = Exception.class)
    public void delete(UUID userId) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!profiles.softDelete(userId, now)) {
            throw noAccount();
        }
        sessions.revokeOthers(userId, null, "account_deleted");
        grants.revokeAllOf(userId, "account_deleted");
        outbox.append(Topics.AUTH_USERS, UserDeleted.TYPE, userId.toString(), new UserDeleted(userId, now), now);
    }

    /** Metadata after the patch: merged in, or emptied by null (the whole profile is the merge target). */
    private JsonNode metadata(JsonNode current, JsonNode patch) {
        if (patch == null) {
            return current;
        }
        if (patch.isNull()) {
            return json.createObjectNode();
        }
        if (!patch.isObject()) {
            throw new Refusal(AuthRefusal.METADATA_NOT_OBJECT,
                    "metadata must be a JSON object (merged into the current one) or null (emptied).");
        }
        return MergePatch.apply(current, patch);
    }

    private JsonNode read(String metadata) {
        try {
            return json.readTree(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored metadata is not JSON", e);
        }
    }

    private String write(JsonNode metadata) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Metadata does not serialize", e);
        }
        if (bytes.length > config.metadataMaxBytes()) {
            throw new Refusal(AuthRefusal.METADATA_TOO_LARGE, "Metadata may hold at most " + config.metadataMaxBytes()
                    + " bytes of JSON once merged; this change would make it " + bytes.length + ".");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Refusal stale() {
        return new Refusal(AuthRefusal.STALE_VERSION,
                "The profile changed since the version in If-Match. Read it again and reapply the change.");
    }

    private static Refusal noAccount() {
        return new Refusal(AuthRefusal.NO_SUCH_ACCOUNT, "The account does not exist or was deleted.");
    }
}
