package com.mustbeviral.content.ethics;

import java.util.Map;

/**
 * An optional source of category scores besides the rules (e.g. an external moderation provider
 * speaking the OpenAI moderation protocol). Each score is 0..1 per category name; the {@link EthicsCheck}
 * takes, per category, the highest of the rules' and every provider's score and judges it against that
 * category's thresholds (a category with no configured thresholds uses {@code content.ethics.default-threshold}).
 * Implementations are CDI beans; none is needed.
 */
public interface ModerationSignals {

    /** Scores of {@code text} (title and body) by category; an empty map when the provider has nothing to say. */
    Map<String, Double> scores(String text);
}
