package com.mustbeviral.content.service;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL slugs: lower case ASCII letters and digits joined by single hyphens, diacritics folded ("Café Olé" → "cafe-ole"). */
public final class Slugs {

    public static final int MAX_LENGTH = 120;

    // Compiled once: slugs are made on every create and update (String.replaceAll compiles each time).
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-+|-+$");
    private static final Pattern TRAILING_HYPHENS = Pattern.compile("-+$");

    private Slugs() {
    }

    public static String of(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("œ", "oe").replace("ł", "l")
                .toLowerCase(Locale.ROOT);
        String slug = EDGE_HYPHENS.matcher(SEPARATORS.matcher(folded).replaceAll("-")).replaceAll("");
        if (slug.length() > MAX_LENGTH) {
            slug = TRAILING_HYPHENS.matcher(slug.substring(0, MAX_LENGTH)).replaceAll("");
        }
        return slug;
    }
}
