package com.mustbeviral.auth.consent.service;

import com.mustbeviral.auth.consent.Consent;
import com.mustbeviral.auth.consent.ConsentPurpose;
import com.mustbeviral.auth.consent.repository.ConsentRepository;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.ConsentChanged;
import com.mustbeviral.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user's consents per purpose. Not granted until the user says so. Each change is kept in the
 * history and published; repeating the current answer changes nothing.
 */
@ApplicationScoped
public class Consents {

    /** Where a change came from, as kept in consent_history. */
    static final String SOURCE_API = "api";

    private final ConsentRepository consents;
    private final Outbox outbox;
    private final Clock clock;

    Consents(ConsentRepository consents, Outbox outbox, Clock clock) {
        this.consents = consents;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Every purpose, in declaration order. */
    public List<Consent> current(UUID userId) throws SQLException {
        return withDefaults(consents.answered(userId)).values().stream().toList();
    }

    /** Sets the purposes named in {@code wanted}; the others stay as they are. Returns every purpose. */
    @Transactional(rollbackOn = Exception.class)
    public List<Consent> change(UUID userId, Map<ConsentPurpose, Boolean> wanted) throws SQLException {
        Map<ConsentPurpose, Consent> current = withDefaults(consents.answered(userId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<ConsentPurpose, Boolean> inOrder = new EnumMap<>(ConsentPurpose.class);
        inOrder.putAll(wanted);
        for (Map.Entry<ConsentPurpose, Boolean> answer : inOrder.entrySet()) {
            if (current.get(answer.getKey()).granted() == answer.getValue()) {
                continue;
            }
            Consent changed = new Consent(answer.getKey(), answer.getValue(), now);
            consents.record(userId, changed, SOURCE_API);
            outbox.append(Topics.AUTH_USERS, ConsentChanged.TYPE, userId.toString(),
                    new ConsentChanged(userId, changed.purpose().wireName(), changed.granted(), now), now);
            current.put(changed.purpose(), changed);
        }
        return current.values().stream().toList();
    }

    private static Map<ConsentPurpose, Consent> withDefaults(Map<ConsentPurpose, Consent> answered) {
        Map<ConsentPurpose, Consent> all = new EnumMap<>(ConsentPurpose.class);
        for (ConsentPurpose purpose : ConsentPurpose.values()) {
            all.put(purpose, answered.getOrDefault(purpose, Consent.notGiven(purpose)));
        }
        return all;
    }
}
