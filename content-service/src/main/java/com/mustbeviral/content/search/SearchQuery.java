package com.mustbeviral.content.search;

import com.mustbeviral.platform.problem.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's query read into FTS5 terms: "quoted words" are a phrase, a word ending in * a prefix,
 * anything else a word. Every term is passed to FTS5 as a quoted string, so no user text is ever
 * read as FTS5 syntax (column filters, NEAR, operators).
 */
public record SearchQuery(String text, List<String> terms) {

    private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"?|([\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}_'’-]*)(\\*)?");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public static SearchQuery parse(String text, int maxLength, int maxTerms) {
        if (text == null || text.isBlank()) {
            throw new Refusal(SearchRefusal.INVALID_QUERY, "q is required and not blank.");
        }
        if (text.length() > maxLength) {
            throw new Refusal(SearchRefusal.INVALID_QUERY, "q is at most " + maxLength + " characters.")
                    .with("max_length", maxLength);
        }
        List<String> terms = new ArrayList<>();
        Matcher m = TERM.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                String phrase = String.join(" ", words(m.group(1)));
                if (!phrase.isEmpty()) {
                    terms.add(quoted(phrase));
                }
            } else {
                String word = String.join(" ", words(m.group(2)));
                terms.add(quoted(word) + (m.group(3) != null ? "*" : ""));
            }
        }
        if (terms.isEmpty()) {
            throw new Refusal(SearchRefusal.INVALID_QUERY, "q has no word to search for.");
        }
        if (terms.size() > maxTerms) {
            throw new Refusal(SearchRefusal.INVALID_QUERY, "q has at most " + maxTerms + " words or phrases.")
                    .with("max_terms", maxTerms);
        }
        return new SearchQuery(text.strip(), List.copyOf(terms));
    }

    /** Every term required (FTS5's implicit AND). */
    public String allTerms() {
        return String.join(" ", terms);
    }

    /** Any term (ranked by bm25, so pieces with more of them come first). */
    public String anyTerm() {
        return String.join(" OR ", terms);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static String quoted(String words) {
        return "\"" + words + "\"";
    }
}
