package com.mustbeviral.content.ethics;

import com.mustbeviral.content.ethics.EthicsVerdict.Flag;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of the check, each a pure function of the text: no state, no configuration but what it is given. */
final class TextRules {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)*\\.[a-zA-Z]{2,}");
    // International or national numbers with separators: 8 to 15 digits (E.164), at least one separator or a '+'.
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.])(\\+\\d{1,3}[ .-]?)?(\\(?\\d{2,4}\\)?[ .-]){2,4}\\d{2,4}(?![\\w.])");
    private static final Pattern CARD = Pattern.compile("(?<!\\d)(\\d[ -]?){12,18}\\d(?!\\d)");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(https?://|www\\.)\\S+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Pattern DISCLOSURE = Pattern.compile(
            "(?i)\\b(ai[- ]generated|ai[- ]assisted|generated (with|by) (ai|an ai|artificial intelligence)|written with ai)\\b");

    private static final int MIN_CARD_DIGITS = 13;
    private static final int MIN_PHONE_DIGITS = 8;

    private TextRules() {
    }

    /** Emails, phone numbers and card numbers (a digit run passing the Luhn check). */
    static List<Flag> personalData(String text) {
        List<Flag> flags = new ArrayList<>();
        // The patterns start with a class or a look-behind, so the engine tries them at every position
        // of the text: what none of them can match without (an '@', enough digits) is checked first.
        if (text.indexOf('@') >= 0 && EMAIL.matcher(text).find()) {
            flags.add(new Flag("personal_data", "personal_data.email", 0.6, "The text contains an email address."));
        }
        int digitCount = asciiDigits(text);
        if (digitCount < MIN_PHONE_DIGITS) {
            return flags;
        }
        String withoutCards = text;
        Matcher card = CARD.matcher(text);
        while (digitCount >= MIN_CARD_DIGITS && card.find()) {
            String digits = card.group().replaceAll("[^0-9]", "");
            if (digits.length() >= MIN_CARD_DIGITS && digits.length() <= 19 && luhn(digits)) {
                flags.add(new Flag("personal_data", "personal_data.card_number", 1.0,
                        "The text contains a payment card number."));
                withoutCards = withoutCards.replace(card.group(), " ");
                break;
            }
        }
        Matcher phone = PHONE.matcher(withoutCards);
        while (phone.find()) {
            int digits = phone.group().replaceAll("[^0-9]", "").length();
            if (digits >= MIN_PHONE_DIGITS && digits <= 15) {
                flags.add(new Flag("personal_data", "personal_data.phone_number", 0.6, "The text contains a phone number."));
                break;
            }
        }
        return flags;
    }

    /** The digits {@code \\d} matches (ASCII only, as the patterns have no UNICODE_CHARACTER_CLASS). */
    private static int asciiDigits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                count++;
            }
        }
        return count;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Repetition, shouting and link stuffing: each signal adds 0.4 to the spam score. */
    static List<Flag> spam(String text) {
        List<Flag> flags = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            words.add(word.group());
        }
        if (words.size() >= 20) {
            Map<String, Integer> counts = new HashMap<>();
            words.forEach(w -> counts.merge(w, 1, Integer::sum));
            int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (top * 10 > words.size() * 3 || counts.size() * 5 < words.size()) {
                flags.add(new Flag("spam", "spam.repetition", 0.4, "The same words repeat too often."));
            }
        }
        long letters = text.chars().filter(Character::isLetter).count();
        long upper = text.chars().filter(Character::isUpperCase).count();
        if (letters >= 20 && upper * 10 > letters * 7) {
            flags.add(new Flag("spam", "spam.all_caps", 0.4, "Most of the text is in capitals."));
        }
        int links = 0;
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            links++;
        }
        if (links > 5 || (links >= 3 && links * 20 > Math.max(words.size(), 1))) {
            flags.add(new Flag("spam", "spam.link_stuffing", 0.4, "The text is mostly links (" + links + ")."));
        }
        return flags;
    }

    /**
     * A banned term, case and accents folded, found as a whole word: where it occurs in the text, with no
     * letter or number ({@code \\p{L}}, {@code \\p{N}}) right before or after it. Found with
     * {@code indexOf} rather than a pattern opening with a look-behind, which the engine tries at every
     * position of the text for every term (a term's occurrences are few; the text's positions are not).
     */
    record BannedTerm(String folded) {

        /** The term, or empty when nothing is left of it once folded. */
        static java.util.Optional<BannedTerm> of(String term) {
            String t = fold(term).trim();
            return t.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new BannedTerm(t));
        }

        boolean isIn(String foldedText) {
            for (int at = foldedText.indexOf(folded); at >= 0; at = foldedText.indexOf(folded, at + 1)) {
                int end = at + folded.length();
                if ((at == 0 || !isWordPart(foldedText.codePointBefore(at)))
                        && (end == foldedText.length() || !isWordPart(foldedText.codePointAt(end)))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isWordPart(int codePoint) {
            if (Character.isLetter(codePoint)) {
                return true;
            }
            int type = Character.getType(codePoint);
            return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
        }
    }

    /**
     * Terms of one banned category, matched on whole words in {@code foldedText} (see {@link #fold}):
     * 0.6 for one, +0.2 for each other.
     */
    static List<Flag> bannedTerms(String category, List<BannedTerm> terms, String foldedText) {
        List<String> found = new ArrayList<>();
        for (BannedTerm term : terms) {
            if (term.isIn(foldedText)) {
                found.add(term.folded());
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        double score = Math.min(1.0, 0.6 + 0.2 * (found.size() - 1));
        return List.of(new Flag(category, category + ".banned_terms", score,
                found.size() + " term(s) of the banned category " + category + "."));
    }

    /** An AI-generated text says it is (in its text or with metadata {@code ai_disclosure: true}). */
    static boolean disclosesAi(String text) {
        return DISCLOSURE.matcher(text).find();
    }

    /** Lower case, accents removed: "Élan" and "elan" are one word. */
    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
