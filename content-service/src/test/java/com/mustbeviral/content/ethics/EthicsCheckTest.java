package com.mustbeviral.content.ethics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.config.ContentConfig;
import com.mustbeviral.content.generation.GenerationSettings;
import com.mustbeviral.content.moderation.ModerationSettings;
import com.mustbeviral.content.usage.UsageSettings;
import com.mustbeviral.content.ethics.EthicsVerdict.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules engine alone, with the thresholds of application.properties. */
class EthicsCheckTest {

    private static final String CLEAN = "Ten habits of creators who publish every week, and why they work.";

    private final EthicsCheck check = new EthicsCheck(config(), List.of());

    @Test
    void plainTextPasses() {
        EthicsVerdict v = check.check("Habits", CLEAN, false, false);
        assertEquals(Outcome.PASS, v.outcome());
        assertEquals(List.of(), v.codes());
    }

    @Test
    void anEmailOrAPhoneNumberIsReviewed() {
        assertEquals(List.of("personal_data.email"), check.check("Contact", CLEAN + " Write to jane.doe@example.org", false, false).codes());
        EthicsVerdict phone = check.check("Contact", CLEAN + " Call +1 415-555-0132 today", false, false);
        assertEquals(Outcome.REVIEW, phone.outcome());
        assertEquals(List.of("personal_data.phone_number"), phone.codes());
    }

    @Test
    void aCardNumberPassingLuhnFailsAndOneFailingLuhnIsNoCard() {
        EthicsVerdict card = check.check("Pay", CLEAN + " My card: 4111 1111 1111 1111", false, false);
        assertEquals(Outcome.FAIL, card.outcome());
        assertEquals(List.of("personal_data.card_number"), card.codes());
        assertEquals(Outcome.PASS, check.check("Order", CLEAN + " Order 4111 1111 1111 1112", false, false).outcome());
    }

    @Test
    void spamSignalsAddUp() {
        String shouting = "BUY NOW THE BEST OFFER OF THE YEAR FOR EVERY CREATOR OUT THERE";
        assertEquals(Outcome.PASS, check.check("Offer", shouting, false, false).outcome(), "one signal is not enough");
        String repeated = "BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW";
        EthicsVerdict two = check.check("Offer", repeated, false, false);
        assertEquals(Outcome.REVIEW, two.outcome());
        assertEquals(List.of("spam.repetition", "spam.all_caps"), two.codes());
        String links = repeated + " BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW BUY NOW"
                + " HTTP://A.EX HTTP://B.EX HTTP://C.EX HTTP://D.EX HTTP://E.EX HTTP://F.EX";
        assertEquals(Outcome.FAIL, check.check("Offer", links, false, false).outcome());
    }

    @Test
    void bannedTermsAreMatchedAsWholeWordsWithAccentsFoldedAndAddUp() {
        EthicsVerdict one = check.check("Invest", CLEAN + " Doublé your MONEY now.", false, false);
        assertEquals(Outcome.REVIEW, one.outcome());
        assertEquals(List.of("scam.banned_terms"), one.codes());
        assertEquals(Outcome.PASS, check.check("Invest", CLEAN + " Redouble your money-making skills", false, false).outcome());
        assertEquals(Outcome.FAIL, check.check("Invest", CLEAN + " Guaranteed returns: double your money, send bitcoin.",
                false, false).outcome());
    }

    @Test
    void aBannedTermCountsWhereverItStandsAsAWholeWordAndNowhereElse() {
        assertEquals(List.of("hate.banned_terms"), check.check("Subhuman", CLEAN, false, false).codes(), "first word of the text");
        assertEquals(List.of("hate.banned_terms"), check.check("Habits", CLEAN + " subhuman", false, false).codes(), "last word");
        assertEquals(List.of("hate.banned_terms"), check.check("Habits", CLEAN + " subhumans, then subhuman.", false, false).codes(),
                "a later whole-word occurrence after one inside a word");
        assertEquals(List.of(), check.check("Habits", CLEAN + " subhuman2 αsubhuman subhumanβ", false, false).codes(),
                "a digit or a non-Latin letter beside it makes it part of a word");
    }

    @Test
    void aThirteenDigitCardNumberCounts() {
        assertEquals(List.of("personal_data.card_number"), check.check("Pay", CLEAN + " Card 4222222222222", false, false).codes());
    }

    @Test
    void aPhoneNumberNeedsEightDigits() {
        assertEquals(List.of("personal_data.phone_number"), check.check("Contact", CLEAN + " Call 12 34 56 78", false, false).codes());
        assertEquals(List.of(), check.check("Contact", CLEAN + " Call 12 34 567", false, false).codes());
    }

    @Test
    void aiOutputMustSaySo() {
        assertEquals(List.of("ai_disclosure.missing"), check.check("Habits", CLEAN, true, false).codes());
        assertEquals(Outcome.PASS, check.check("Habits", CLEAN + " (AI-generated)", true, false).outcome());
        assertEquals(Outcome.PASS, check.check("Habits", CLEAN, true, true).outcome());
    }

    @Test
    void aModerationProviderAddsCategoryScoresJudgedByThatCategorysThresholds() {
        EthicsCheck withProvider = new EthicsCheck(config(), List.of(text -> Map.of("hate", 0.85)));
        EthicsVerdict v = withProvider.check("Habits", CLEAN, false, false);
        assertEquals(Outcome.FAIL, v.outcome(), "hate fails from 0.8");
        assertEquals(0.85, v.score());
        assertTrue(v.thresholds().containsKey("hate"));
        EthicsCheck mild = new EthicsCheck(config(), List.of(text -> Map.of("harassment", 0.6)));
        assertEquals(Outcome.REVIEW, mild.check("Habits", CLEAN, false, false).outcome(), "default thresholds 0.5, 0.9");
    }

    static ContentConfig config() {
        return new ContentConfig() {
            @Override
            public int defaultPageSize() {
                return 50;
            }

            @Override
            public Scheduler scheduler() {
                return null;
            }

            @Override
            public Tags tags() {
                return () -> Duration.ofDays(7);
            }

            // The check reads only its own group.
            @Override
            public GenerationSettings generation() {
                return null;
            }

            @Override
            public ModerationSettings moderation() {
                return null;
            }

            @Override
            public UsageSettings usage() {
                return null;
            }

            @Override
            public PublicPages publicPages() {
                return null;
            }

            @Override
            public Ethics ethics() {
                return new Ethics() {
                    @Override
                    public Map<String, String> bannedTerms() {
                        return Map.of("scam", "guaranteed returns,double your money,send bitcoin", "hate", "subhuman");
                    }

                    @Override
                    public Map<String, String> thresholds() {
                        return Map.of("personal_data", "0.5,0.9", "spam", "0.5,1.0", "ai_disclosure", "0.5,1.1",
                                "hate", "0.5,0.8", "scam", "0.5,0.9");
                    }

                    @Override
                    public String defaultThreshold() {
                        return "0.5,0.9";
                    }
                };
            }
        };
    }
}
