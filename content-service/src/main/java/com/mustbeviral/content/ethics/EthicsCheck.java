package com.mustbeviral.content.ethics;

import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.ethics.EthicsVerdict.Flag;
import com.mustbeviral.content.ethics.EthicsVerdict.Outcome;
import com.mustbeviral.content.ethics.EthicsVerdict.Thresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ethics and quality check every create and update passes before it is saved: banned terms per
 * category, personal data, spam signals, AI output without disclosure, plus whatever
 * {@link ModerationSignals} beans say. Each category's score (the highest of its findings) is judged
 * against that category's thresholds; the worst category decides.
 */
@ApplicationScoped
public class EthicsCheck {

    /** The categories of the rules themselves. */
    public static final String PERSONAL_DATA = "personal_data";
    public static final String SPAM = "spam";
    public static final String AI_DISCLOSURE = "ai_disclosure";

    private final Map<String, List<TextRules.BannedTerm>> bannedTerms = new TreeMap<>();
    private final Map<String, Thresholds> thresholds = new TreeMap<>();
    private final Thresholds defaults;
    private final Iterable<ModerationSignals> providers;

    @jakarta.inject.Inject
    EthicsCheck(ContentConfig config, Instance<ModerationSignals> providers) {
        this(config, (Iterable<ModerationSignals>) providers);
    }

    EthicsCheck(ContentConfig config, Iterable<ModerationSignals> providers) {
        this.providers = providers;
        config.ethics().bannedTerms().forEach((category, terms) -> bannedTerms.put(category,
                Arrays.stream(terms.split(",")).map(TextRules.BannedTerm::of).flatMap(Optional::stream).toList()));
        config.ethics().thresholds().forEach((category, pair) -> thresholds.put(category, parse(category, pair)));
        this.defaults = parse("default", config.ethics().defaultThreshold());
    }

    private static Thresholds parse(String category, String pair) {
        String[] parts = pair.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("content.ethics thresholds of " + category + " must be 'review,fail': " + pair);
        }
        return new Thresholds(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
    }

    /** Checks a text; {@code aiGenerated} without disclosure (in the text or {@code disclosed}) is a finding. */
    public EthicsVerdict check(String title, String body, boolean aiGenerated, boolean disclosed) {
        String text = title + "\n" + body;
        List<Flag> flags = new ArrayList<>();
        flags.addAll(TextRules.personalData(text));
        flags.addAll(TextRules.spam(text));
        String folded = TextRules.fold(text);
        bannedTerms.forEach((category, terms) -> flags.addAll(TextRules.bannedTerms(category, terms, folded)));
        if (aiGenerated && !disclosed && !TextRules.disclosesAi(text)) {
            flags.add(new Flag(AI_DISCLOSURE, "ai_disclosure.missing", 0.6,
                    "AI-generated text must say so (in the text, or metadata ai_disclosure true)."));
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Flag flag : flags) {
            // Spam signals add up; other categories take their worst finding.
            scores.merge(flag.category(), flag.score(), SPAM.equals(flag.category()) ? (a, b) -> Math.min(1.0, a + b) : Math::max);
        }
        for (ModerationSignals provider : providers) {
            provider.scores(text).forEach((category, score) -> {
                scores.merge(category, score, Math::max);
                flags.add(new Flag(category, category + ".provider", score, "The moderation provider scored " + category + "."));
            });
        }
        Outcome outcome = Outcome.PASS;
        double worst = 0;
        Map<String, Thresholds> used = new TreeMap<>();
        for (var entry : scores.entrySet()) {
            Thresholds limits = thresholdsOf(entry.getKey());
            used.put(entry.getKey(), limits);
            double score = entry.getValue();
            worst = Math.max(worst, score);
            if (score >= limits.fail()) {
                outcome = Outcome.FAIL;
            } else if (score >= limits.review() && outcome == Outcome.PASS) {
                outcome = Outcome.REVIEW;
            }
        }
        // Findings below their category's review threshold are kept as flags but decide nothing.
        return new EthicsVerdict(outcome, worst, List.copyOf(flags), used);
    }

    Thresholds thresholdsOf(String category) {
        return thresholds.getOrDefault(category, defaults);
    }
}
