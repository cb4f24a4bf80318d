package com.mustbeviral.auth.consent.rest;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.mustbeviral.auth.consent.ConsentPurpose;
import java.util.EnumMap;
import java.util.Map;

/**
 * Body of {@code PUT /api/users/me/consents}: the purposes to set, each true or false (not null);
 * purposes left out stay as they are. Setters, not a record, so that an absent purpose is no error.
 */
public class ConsentsRequest {

    private final Map<ConsentPurpose, Boolean> wanted = new EnumMap<>(ConsentPurpose.class);

    @JsonSetter(nulls = Nulls.FAIL)
    public void setAnalytics(boolean granted) {
        wanted.put(ConsentPurpose.ANALYTICS, granted);
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setMarketing(boolean granted) {
        wanted.put(ConsentPurpose.MARKETING, granted);
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setAiTraining(boolean granted) {
        wanted.put(ConsentPurpose.AI_TRAINING, granted);
    }

    Map<ConsentPurpose, Boolean> wanted() {
        return wanted;
    }
}
